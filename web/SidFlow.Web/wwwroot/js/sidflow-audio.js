// The player's audio graph: AudioWorklet (PCM from the in-browser emulator) -> gain (volume) -> analyser -> speakers,
// and the HLS / M4A fallback through an <audio> element with hls.js. Called by SidFlow.Web.Playback from .NET.
window.sidflowAudio = (() => {
  let context = null;
  let node = null;
  let gain = null;
  let analyser = null;
  let pushed = 0;
  let played = 0;
  let pressedAt = 0;
  let firstSoundMs = -1;
  let captureWaiter = null;
  let hls = null;
  let rate = 48000;
  let renderedFrames = 0;
  let renderMs = 0;

  async function open(sampleRate) {
    if (context && context.sampleRate === sampleRate) {
      if (context.state !== 'running') await context.resume();
      return;
    }
    if (context) await context.close();
    context = new AudioContext({ sampleRate, latencyHint: 'interactive' });
    await context.audioWorklet.addModule('js/pcm-player.worklet.js');
    node = new AudioWorkletNode(context, 'sidflow-pcm-player', { numberOfInputs: 0, outputChannelCount: [2] });
    node.port.onmessage = (e) => {
      const m = e.data;
      if (m.type === 'played') played = m.frames;
      else if (m.type === 'sounded') firstSoundMs = performance.now() - pressedAt;
      else if (m.type === 'capture' && captureWaiter) { captureWaiter(m.samples); captureWaiter = null; }
    };
    gain = context.createGain();
    analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    node.connect(gain).connect(analyser).connect(context.destination);
    if (context.state !== 'running') await context.resume();
  }

  return {
    /** Play was pressed: the clock for the time to first sound starts (called first thing in the click handler). */
    pressed() { pressedAt = performance.now(); firstSoundMs = -1; },

    /** A new song: the audio graph at the emulator's rate, the queue emptied; the first captureFrames frames kept. */
    async start(sampleRate, captureFrames) {
      await open(sampleRate);
      rate = sampleRate;
      pushed = 0;
      played = 0;
      node.port.postMessage({ type: 'clear', captureFrames });
    },

    /** Interleaved stereo 16-bit PCM from .NET (a Uint8Array), queued on the worklet as Float32; ms is how long the engine took. */
    push(bytes, ms) {
      renderedFrames += bytes.byteLength / 4;
      renderMs += ms;
      const pcm = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
      const samples = new Float32Array(pcm.length);
      for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i] / 32768;
      node.port.postMessage({ type: 'pcm', samples }, [samples.buffer]);
      pushed += pcm.length / 2;
    },

    /** Frames rendered per second of the engine's time over the sample rate, since the page opened. */
    realTimeFactor() { return renderMs > 0 ? renderedFrames / (renderMs / 1000) / rate : 0; },

    /** Frames the worklet has played of this song (reported every 1024 frames). */
    playedFrames() { return played; },

    /** Frames queued and not yet played. */
    queuedFrames() { return pushed - played; },

    /** The audio context's state: running, suspended (paused) or closed; none before the first song. */
    contextState() { return context ? context.state : 'none'; },

    async pause() { if (context) await context.suspend(); },
    async resume() { if (context) await context.resume(); },
    setVolume(v) { if (gain) gain.gain.value = v; },

    /** Milliseconds from pressing play to the first non-zero sample out of the worklet; -1 before it. */
    firstSoundMs() { return firstSoundMs; },

    /** RMS of what the analyser reads now (after the volume). */
    level() {
      if (!analyser) return 0;
      const data = new Float32Array(analyser.fftSize);
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const x of data) sum += x * x;
      return Math.sqrt(sum / data.length);
    },

    /** The first frames the worklet output for this song (interleaved stereo), as a plain array. */
    takeCapture() {
      return new Promise((resolve) => {
        captureWaiter = (samples) => resolve(Array.from(samples));
        node.port.postMessage({ type: 'takeCapture' });
      });
    },

    /** Fallback: a rendered asset through <audio>; HLS playlists through hls.js (without its worker: the CSP has no blob: workers). */
    playStream(element, url, fromSeconds, volume) {
      if (hls) { hls.destroy(); hls = null; }
      element.volume = volume;
      if (url.endsWith('.m3u8') && window.Hls && Hls.isSupported()) {
        hls = new Hls({ enableWorker: false, startPosition: fromSeconds });
        hls.loadSource(url);
        hls.attachMedia(element);
      } else if (url.endsWith('.m3u8') && element.canPlayType('application/vnd.apple.mpegurl')) {
        element.src = url;
      } else {
        element.src = url + (fromSeconds > 0 ? `#t=${fromSeconds}` : '');
      }
      return element.play();
    },

    /** Seconds the fallback <audio> has played (0 before it starts). */
    streamSeconds() { const a = document.getElementById('fallback-audio'); return a ? a.currentTime : 0; },

    isWasmAvailable() { return typeof WebAssembly === 'object' && typeof AudioWorkletNode === 'function'; },
  };
})();
