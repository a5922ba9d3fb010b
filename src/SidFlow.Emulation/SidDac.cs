namespace SidFlow.Emulation;

/// <summary>
/// The SID's R-2R ladder DACs. On the 6581 the ladder's 2R/R ratio is about 2.2 and its end is not
/// terminated, so the output is not linear in the input (the bit weights bunch up); the 8580's ladder is
/// exact. The envelope's 8-bit DAC shapes how attacks, decays and releases sound, which the log-level
/// envelope of a tune follows closely. The ladder solution is the standard one from the reSID papers.
/// </summary>
public static class SidDac
{
    private const double Mos6581Ratio = 2.20;

    /// <summary>Output of an <paramref name="bits"/>-bit DAC for every input, scaled so that an exact ladder gives the input itself.</summary>
    public static float[] Table(int bits, bool mos6581)
    {
        double[] weights = BitWeights(bits, mos6581 ? Mos6581Ratio : 2.0, terminated: !mos6581);
        var table = new float[1 << bits];
        for (int value = 0; value < table.Length; value++)
        {
            double sum = 0;
            for (int bit = 0; bit < bits; bit++)
            {
                if ((value & (1 << bit)) != 0)
                {
                    sum += weights[bit];
                }
            }

            table[value] = (float)sum;
        }

        return table;
    }

    /// <summary>What each bit alone contributes, normalised so the weights add up to 2^bits - 1 as an exact ladder's do.</summary>
    private static double[] BitWeights(int bits, double ratio, bool terminated)
    {
        var weights = new double[bits];
        const double r = 1.0;
        double twoR = ratio * r;
        for (int setBit = 0; setBit < bits; setBit++)
        {
            // Resistance of the ladder below the set bit, folded up from the end.
            double tail = terminated ? twoR : double.PositiveInfinity;
            for (int bit = 0; bit < setBit; bit++)
            {
                tail = double.IsPositiveInfinity(tail) ? r + twoR : r + (twoR * tail / (twoR + tail));
            }

            // The set bit as a source behind 2R, in parallel with the tail.
            double voltage = 1.0;
            if (double.IsPositiveInfinity(tail))
            {
                tail = twoR;
            }
            else
            {
                tail = twoR * tail / (twoR + tail);
                voltage *= tail / twoR;
            }

            // Carried up the ladder to the output through each higher rung.
            for (int bit = setBit + 1; bit < bits; bit++)
            {
                tail += r;
                double current = voltage / tail;
                tail = twoR * tail / (twoR + tail);
                voltage = tail * current;
            }

            weights[setBit] = voltage;
        }

        double total = weights.Sum();
        double scale = ((1 << bits) - 1) / total;
        for (int bit = 0; bit < bits; bit++)
        {
            weights[bit] *= scale;
        }

        return weights;
    }
}
