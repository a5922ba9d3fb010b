using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.JSInterop;
using SidFlow.Emulation;
using SidFlow.Emulation.Sid;

namespace SidFlow.Web.Playback;

/// <summary>
/// Plays a song with SidFlow's own emulator running here, in the browser: renders 16-bit stereo PCM in chunks and
/// posts them to the page's AudioWorklet (wwwroot/js/sidflow-audio.js), keeping about half a second queued.
/// The emulator runs on the page's thread between browser events; the worklet plays on the audio thread.
/// </summary>
public sealed class BrowserSidPlayer(IJSRuntime js) : IAsyncDisposable
{
    public const int SampleRate = 48_000;
    private const int Channels = 2;
    private const int ChunkFrames = 2_048;
    private const int QueuedTarget = SampleRate / 2;

    /// <summary>How much of each song's start the worklet keeps a copy of (read by the browser tests).</summary>
    public const int CaptureSeconds = 3;

    private readonly IJSInProcessRuntime _js = (IJSInProcessRuntime)js;
    private readonly short[] _pcm = new short[ChunkFrames * Channels];
    private readonly byte[] _bytes = new byte[ChunkFrames * Channels * sizeof(short)];
    private SidEmulator? _emulator;
    private SidFile? _sid;
    private byte[]? _sidBytes;
    private CancellationTokenSource? _pump;
    private long _framesPushed;
    private TimeSpan _startOffset;

    /// <summary>Something listeners see changed: state, position, figures.</summary>
    public event Action? Changed;

    /// <summary>The song reached its length.</summary>
    public event Action? Ended;

    /// <summary>The emulator failed (an unsupported file, a CPU jam); the message says why.</summary>
    public event Action<string>? Failed;

    public bool Playing { get; private set; }

    public bool Paused { get; private set; }

    public int Subtune { get; private set; }

    public TimeSpan Length { get; private set; }

    /// <summary>Frames rendered and the time rendering took, over every song since the page opened.</summary>
    public long FramesRendered { get; private set; }

    public TimeSpan RenderTime { get; private set; }

    /// <summary>Frames rendered per second of rendering, over the sample rate: how many times faster than real time the engine runs.</summary>
    public double RealTimeFactor => RenderTime > TimeSpan.Zero ? FramesRendered / RenderTime.TotalSeconds / SampleRate : 0;

    /// <summary>Where playback is: what the worklet has played of the song.</summary>
    public TimeSpan Position
    {
        get
        {
            if (_emulator is null)
            {
                return TimeSpan.Zero;
            }

            long played = Math.Max(0, _framesPushed - _js.Invoke<long>("sidflowAudio.queuedFrames"));
            return _startOffset + TimeSpan.FromSeconds((double)played / SampleRate);
        }
    }

    /// <summary>Starts a song at <paramref name="from"/>; the first chunk is queued before this returns.</summary>
    public async Task PlayAsync(byte[] sidFile, int subtune, TimeSpan length, TimeSpan from)
    {
        await StopPumpAsync();
        // The player keeps each file's bytes, so a replay or another subtune of the same file is not parsed (and hashed) again.
        if (!ReferenceEquals(sidFile, _sidBytes) || _sid is null)
        {
            if (!SidFile.TryParse(sidFile, out SidFile? sid, out SidFormatException? error))
            {
                Fail($"not a SID file: {error?.Message}");
                return;
            }

            _sid = sid;
            _sidBytes = sidFile;
        }

        Subtune = subtune;
        Length = length;
        await StartAtAsync(from);
    }

    public async Task SeekAsync(TimeSpan to)
    {
        if (_sid is null)
        {
            return;
        }

        await StopPumpAsync();
        await StartAtAsync(TimeSpan.FromTicks(Math.Clamp(to.Ticks, 0, Length.Ticks)));
    }

    public async Task PauseAsync()
    {
        if (!Playing || Paused)
        {
            return;
        }

        // Paused once the audio has stopped (the pump's queue is bounded, so it adds nothing meanwhile), as for resume.
        await _js.InvokeVoidAsync("sidflowAudio.pause");
        Paused = true;
        Changed?.Invoke();
    }

    public async Task ResumeAsync()
    {
        if (!Paused)
        {
            return;
        }

        // Paused until the audio runs again, so the page never shows playing over a suspended context.
        await _js.InvokeVoidAsync("sidflowAudio.resume");
        Paused = false;
        Changed?.Invoke();
    }

    public async Task StopAsync()
    {
        await StopPumpAsync();
        if (Paused)
        {
            Paused = false;
            await _js.InvokeVoidAsync("sidflowAudio.resume");
        }

        await _js.InvokeVoidAsync("sidflowAudio.start", SampleRate, 0);
        Changed?.Invoke();
    }

    /// <summary>0..1.</summary>
    public void SetVolume(double volume) => _js.InvokeVoid("sidflowAudio.setVolume", Math.Clamp(volume, 0, 1));

    public async ValueTask DisposeAsync() => await StopPumpAsync();

    private async Task StartAtAsync(TimeSpan from)
    {
        try
        {
            _emulator = new SidEmulator(_sid!, new EmulatorOptions
            {
                Subtune = Subtune,
                SampleRate = SampleRate,
                Channels = Channels,
                // A listener's session is as long as they listen; the bound is for server renders.
                WallClockLimit = TimeSpan.MaxValue,
            });
            if (from > TimeSpan.Zero)
            {
                _emulator.Skip(from);
            }
        }
        catch (Exception ex) when (ex is SidEmulationException or ArgumentOutOfRangeException)
        {
            Fail(ex.Message);
            return;
        }

        _startOffset = from;
        _framesPushed = 0;
        Paused = false;
        await _js.InvokeVoidAsync("sidflowAudio.start", SampleRate, from == TimeSpan.Zero ? CaptureSeconds * SampleRate : 0);
        Playing = true;
        if (!RenderChunk())
        {
            return;
        }

        var pump = new CancellationTokenSource();
        _pump = pump;
        _ = PumpAsync(pump.Token);
        Changed?.Invoke();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            int sinceChange = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_startOffset + TimeSpan.FromSeconds((double)_framesPushed / SampleRate) >= Length)
                {
                    if (Position >= Length)
                    {
                        Playing = false;
                        Ended?.Invoke();
                        Changed?.Invoke();
                        return;
                    }

                    await Task.Delay(50, cancellationToken);
                    continue;
                }

                if (!Paused && _js.Invoke<long>("sidflowAudio.queuedFrames") < QueuedTarget)
                {
                    if (!RenderChunk())
                    {
                        return;
                    }

                    // Let the browser deliver the worklet's messages and input between chunks.
                    await Task.Delay(1, cancellationToken);
                }
                else
                {
                    await Task.Delay(20, cancellationToken);
                }

                if (++sinceChange >= 10)
                {
                    sinceChange = 0;
                    Changed?.Invoke();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool RenderChunk()
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            _emulator!.Render(_pcm);
        }
        catch (SidEmulationException ex)
        {
            Fail(ex.Message);
            return false;
        }

        TimeSpan took = Stopwatch.GetElapsedTime(start);
        RenderTime += took;
        FramesRendered += ChunkFrames;
        MemoryMarshal.AsBytes(_pcm.AsSpan()).CopyTo(_bytes);
        _js.InvokeVoid("sidflowAudio.push", _bytes, took.TotalMilliseconds);
        _framesPushed += ChunkFrames;
        return true;
    }

    private void Fail(string message)
    {
        Playing = false;
        Failed?.Invoke(message);
        Changed?.Invoke();
    }

    private async Task StopPumpAsync()
    {
        if (_pump is { } pump)
        {
            _pump = null;
            await pump.CancelAsync();
            pump.Dispose();
        }

        Playing = false;
    }
}
