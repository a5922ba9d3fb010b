using SidFlow.Emulation;
using SidFlow.Emulation.Sid;
using SidFlow.Testing;
using Xunit;

namespace SidFlow.Emulation.Tests;

/// <summary>Broken input: real sample files with random bytes changed either play, or fail with a typed error, within their budget.</summary>
public sealed class SidEmulatorMutationTests(ITestOutputHelper output)
{
    private const int Mutations = 1_000;

    [Fact]
    public void Run_ThousandMutatedSampleFiles_EachEndsWithAudioOrATypedError()
    {
        string[] files = RepositoryPaths.AllSampleSids().ToArray();
        var random = new Random(1_000);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Mutations; i++)
        {
            string file = files[random.Next(files.Length)];
            byte[] bytes = Mutate(File.ReadAllBytes(file), random);
            string outcome = Run(bytes, synthesize: i % 10 == 0);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        foreach ((string outcome, int count) in outcomes.OrderByDescending(o => o.Value))
        {
            output.WriteLine($"{count,5} {outcome}");
        }

        Assert.Equal(Mutations, outcomes.Values.Sum());
        Assert.True(outcomes.GetValueOrDefault("played") > 0, "some mutations leave a playable tune");
    }

    /// <summary>Plays three seconds (a tenth of them synthesized); any exception but the two typed ones fails the test.</summary>
    private static string Run(byte[] bytes, bool synthesize)
    {
        if (!SidFile.TryParse(bytes, out SidFile? sid, out SidFormatException? invalid))
        {
            return "rejected: " + invalid!.Error;
        }

        try
        {
            var emulator = new SidEmulator(sid!, new EmulatorOptions
            {
                Subtune = sid!.StartSong,
                SampleRate = 11_025,
                RecordTrace = true,
                WallClockLimit = TimeSpan.FromSeconds(2),
            });
            emulator.Skip(TimeSpan.FromSeconds(3));
            if (synthesize)
            {
                emulator.Render(new short[11_025]);
            }

            return "played";
        }
        catch (SidEmulationException ex)
        {
            return "emulation error: " + ex.Error;
        }
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        int changes = 1 + random.Next(8);
        for (int c = 0; c < changes; c++)
        {
            // Half the changes hit the header, where a single byte moves load, init and play addresses.
            int at = random.Next(2) == 0 ? random.Next(Math.Min(0x7C, bytes.Length)) : random.Next(bytes.Length);
            bytes[at] = (byte)random.Next(256);
        }

        return random.Next(20) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
    }
}
