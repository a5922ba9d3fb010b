using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using SidFlow.Emulation.Sid;

namespace SidFlow.Ultimate64Simulator;

/// <summary>
/// The simulated machine behind the REST API: the song it plays (in virtual real time from its sidplay call,
/// streamed or not) and the one audio stream it sends. A new stream replaces the old one.
/// </summary>
internal sealed class Machine(SimulatorOptions options, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _streamGate = new(1, 1);
    private readonly Random _random = new(options.Seed);
    private volatile PlayingSong? _song;
    private AudioStream? _stream;

    public PlayingSong? Song => _song;

    /// <summary>The current stream, or the last one once stopped.</summary>
    public StreamState? Stream => Volatile.Read(ref _stream)?.Snapshot();

    public void Play(SidFile sid, int subtune, SidModel model)
    {
        var song = new PlayingSong(sid, subtune, model, options.Clock, Stopwatch.GetTimestamp());
        _song = song;
        logger.SongStarted(sid.Name, subtune, model == SidModel.Mos8580 ? "8580" : "6581", song.Clock);
    }

    /// <summary>A reset, reboot or power-off: the player is gone, the stream (if any) carries silence.</summary>
    public void StopSong(string command)
    {
        _song = null;
        logger.SongStopped(command);
    }

    public async Task StartStreamAsync(IPEndPoint target, CancellationToken cancellationToken)
    {
        await _streamGate.WaitAsync(cancellationToken);
        try
        {
            if (_stream is { } old)
            {
                await old.StopAsync();
            }

            int firstSequence = options.StartSequence ?? _random.Next(0x10000);
            var stream = new AudioStream(target, options, firstSequence, _random.Next(), () => _song, logger);
            stream.Start();
            Volatile.Write(ref _stream, stream);
        }
        finally
        {
            _streamGate.Release();
        }
    }

    public async Task StopStreamAsync(CancellationToken cancellationToken)
    {
        await _streamGate.WaitAsync(cancellationToken);
        try
        {
            if (_stream is { } stream)
            {
                await stream.StopAsync();
            }
        }
        finally
        {
            _streamGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopStreamAsync(CancellationToken.None);
        _streamGate.Dispose();
    }
}
