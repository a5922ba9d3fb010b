// The player's AudioWorklet: plays the interleaved stereo Float32 buffers the page posts through the MessagePort,
// in order, silence when it runs dry. Reports how many frames it has played (the page keeps about a second queued),
// the moment the first sample sounded, and, when asked, a copy of the first frames it output.
class PcmPlayer extends AudioWorkletProcessor {
  constructor() {
    super();
    this.queue = [];
    this.offset = 0;
    this.played = 0;
    this.sounded = false;
    this.capture = null;
    this.captured = 0;
    this.sinceReport = 0;
    this.port.onmessage = (e) => {
      const m = e.data;
      if (m.type === 'pcm') {
        this.queue.push(m.samples);
      } else if (m.type === 'clear') {
        this.queue = [];
        this.offset = 0;
        this.sounded = false;
        this.played = 0;
        this.capture = m.captureFrames > 0 ? new Float32Array(m.captureFrames * 2) : null;
        this.captured = 0;
        this.port.postMessage({ type: 'played', frames: 0 });
      } else if (m.type === 'takeCapture') {
        const samples = this.capture ? this.capture.slice(0, this.captured * 2) : new Float32Array(0);
        this.port.postMessage({ type: 'capture', samples }, [samples.buffer]);
      }
    };
  }

  process(inputs, outputs) {
    const out = outputs[0];
    const left = out[0];
    const right = out.length > 1 ? out[1] : out[0];
    const n = left.length;
    let frames = 0;
    for (let i = 0; i < n; i++) {
      if (this.queue.length === 0) {
        left[i] = 0;
        right[i] = 0;
        continue;
      }
      const buffer = this.queue[0];
      const l = buffer[this.offset];
      const r = buffer[this.offset + 1];
      left[i] = l;
      right[i] = r;
      this.offset += 2;
      frames++;
      if (this.capture && this.captured * 2 < this.capture.length) {
        this.capture[this.captured * 2] = l;
        this.capture[this.captured * 2 + 1] = r;
        this.captured++;
      }
      if (!this.sounded && (l !== 0 || r !== 0)) {
        this.sounded = true;
        this.port.postMessage({ type: 'sounded', at: currentTime });
      }
      if (this.offset >= buffer.length) {
        this.queue.shift();
        this.offset = 0;
      }
    }
    this.played += frames;
    this.sinceReport += n;
    if (this.sinceReport >= 1024) {
      this.sinceReport = 0;
      this.port.postMessage({ type: 'played', frames: this.played });
    }
    return true;
  }
}

registerProcessor('sidflow-pcm-player', PcmPlayer);
