using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SidFlow.Emulation;

namespace SidFlow.Core.Render;

/// <summary>
/// Renders in process with SidFlow's own emulator (<see cref="SidEmulator"/>): no process start, the
/// offset is run through without synthesis, and the register trace can come back with the audio. Runs
/// are bounded by the same wall-clock allowance as sidplayfp's; a tune that jams the CPU or that the
/// emulator cannot run (BASIC, MUS) raises <see cref="EngineCannotPlayException"/>: permanent for this
/// engine, while classification hands it to sidplayfp.
/// </summary>
public sealed class EmuRenderEngine(IOptions<RenderOptions> options, ILogger<EmuRenderEngine> logger) : IRenderEngine
{
    public const string EngineName = "emu";

    public string? Unavailable => null;

    // Audio is produced and written in pieces of this many frames, checking for cancellation between them.
    private const int ChunkFrames = 8_192;

    public string Name => EngineName;

    public async Task<RenderResult> RenderAsync(RenderRequest request, Stream pcm, CancellationToken cancellationToken)
    {
        request.Validate();
        var clock = Stopwatch.StartNew();
        TimeSpan limit = options.Value.TimeoutFor(request.Duration + request.Offset);
        SidEmulator emulator;
        try
        {
            emulator = new SidEmulator(request.Sid, new EmulatorOptions
            {
                Subtune = request.Subtune,
                Model = request.Model,
                Clock = request.Clock,
                SampleRate = request.SampleRate,
                Channels = request.Channels,
                RecordTrace = request.CaptureTrace,
                WallClockLimit = limit,
            });
            emulator.Skip(request.Offset);
            // The trace covers the rendered window only.
            emulator.Trace?.Clear(emulator.Cycle);
            // The emulator writes 16-bit samples straight into the byte buffer, in the machine's byte order,
            // which is little-endian on every platform .NET runs SidFlow on.
            byte[] buffer = new byte[ChunkFrames * request.Channels * sizeof(short)];
            long left = request.Frames;
            while (left > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int frames = (int)Math.Min(ChunkFrames, left);
                int length = frames * request.Channels * sizeof(short);
                emulator.Render(MemoryMarshal.Cast<byte, short>(buffer.AsSpan(0, length)));
                await pcm.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
                left -= frames;
            }
        }
        catch (SidEmulationException ex) when (ex.Error == SidEmulationError.TimedOut)
        {
            throw new RenderException($"{request.Label} song {request.Subtune}: {ex.Message}", ex);
        }
        catch (SidEmulationException ex)
        {
            throw new EngineCannotPlayException($"{request.Label} song {request.Subtune}: the emulator cannot play it: {ex.Message}", ex);
        }

        logger.Rendered(Name, request.Label, request.Subtune, request.Duration.TotalSeconds, clock.Elapsed);
        return new RenderResult(request.Frames, request.SampleRate, request.Channels, Name, clock.Elapsed) { Trace = emulator.Trace };
    }
}
