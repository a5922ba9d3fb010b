using System.Runtime.CompilerServices;

namespace SidFlow.Core.Emulation;

/// <summary>
/// One voice's ADSR: an 8-bit level stepped by a rate counter whose period comes from the 4-bit rate
/// (the chip's 16 periods, in cycles), with decay and release slowed by the exponential divider
/// (1, 2, 4, 8, 16, 30 below levels 93, 54, 26, 14 and 6). The rate counter is the chip's 15-bit
/// counter compared for equality, so a rate written below the count so far first wraps through 32768
/// cycles (the "ADSR delay bug" hard-restart players rely on). Time advances in batches, so a sample or
/// a whole frame costs a few operations. Power-on state follows what sidplayfp (reSIDfp), the reference
/// renderer, does: the level starts at $AA and holds there until a write selects a rate, so a release
/// rate written by init is heard fading out of it.
/// </summary>
public sealed class SidEnvelope
{
    /// <summary>Cycles per envelope step for each rate setting.</summary>
    public static readonly int[] RatePeriods = [9, 32, 63, 95, 149, 220, 267, 313, 392, 977, 1954, 3126, 3907, 11720, 19532, 31251];

    private State _state = State.Release;
    private int _attack;
    private int _decay;
    private int _sustainLevel;
    private int _release;
    // No rate until the first write that selects one: the counter runs and never matches.
    private const int NoRate = int.MaxValue;
    private const int CounterRange = 0x8000;
    private const int PowerOnLevel = 0xAA;

    private int _period = NoRate;
    private long _rateCounter;
    private int _expCounter;
    private bool _gate;

    private enum State : byte
    {
        Attack,
        DecaySustain,
        Release,
    }

    /// <summary>The envelope level, 0-255 (what $D41C reads for voice 3).</summary>
    public int Level { get; private set; } = PowerOnLevel;

    public void SetControl(byte control)
    {
        bool gate = (control & 0x01) != 0;
        if (gate == _gate)
        {
            return;
        }

        _gate = gate;
        if (gate)
        {
            _state = State.Attack;
            UseRate(_attack);
        }
        else
        {
            _state = State.Release;
            UseRate(_release);
        }
    }

    public void SetAttackDecay(byte value)
    {
        _attack = value >> 4;
        _decay = value & 0x0F;
        if (_state != State.Release)
        {
            UseRate(_state == State.Attack ? _attack : _decay);
        }
    }

    public void SetSustainRelease(byte value)
    {
        _sustainLevel = (value >> 4) * 0x11;
        _release = value & 0x0F;
        if (_state == State.Release)
        {
            UseRate(_release);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(long cycles)
    {
        long next = _rateCounter + cycles;
        if (next < _period)
        {
            _rateCounter = next;
            return;
        }

        AdvanceSlow(cycles);
    }

    private void AdvanceSlow(long cycles)
    {
        if (_rateCounter >= _period)
        {
            // The period dropped below the count: no match until the counter wraps.
            long toWrap = CounterRange - _rateCounter;
            if (cycles < toWrap)
            {
                _rateCounter += cycles;
                return;
            }

            cycles -= toWrap;
            _rateCounter = 0;
        }

        _rateCounter += cycles;
        Step();
    }

    private void Step()
    {
        while (_rateCounter >= _period)
        {
            long ticks = _rateCounter / _period;
            if (_state == State.Attack)
            {
                // From 255 a new attack wraps to 0 first, as the 8-bit counter does.
                int room = Level == 0xFF ? 0x100 : 0xFF - Level;
                if (ticks < room)
                {
                    Level = (Level + (int)ticks) & 0xFF;
                    _rateCounter -= ticks * _period;
                    return;
                }

                _rateCounter -= (long)room * _period;
                Level = 0xFF;
                _expCounter = 0;
                _state = State.DecaySustain;
                _period = RatePeriods[_decay];
                continue;
            }

            int floor = _state == State.DecaySustain ? _sustainLevel : 0;
            if (Level <= floor)
            {
                // Sustaining, or silent after release: the level stays where it is.
                _rateCounter %= _period;
                return;
            }

            int need = ExponentialPeriod(Level) - _expCounter;
            if (ticks < need)
            {
                _expCounter += (int)ticks;
                _rateCounter -= ticks * _period;
                return;
            }

            _rateCounter -= (long)need * _period;
            _expCounter = 0;
            Level--;
        }
    }

    private void UseRate(int rate)
    {
        _rateCounter %= CounterRange;
        _period = RatePeriods[rate];
    }

    private static int ExponentialPeriod(int level) => level switch
    {
        > 93 => 1,
        > 54 => 2,
        > 26 => 4,
        > 14 => 8,
        > 6 => 16,
        _ => 30,
    };
}
