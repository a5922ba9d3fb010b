using System.Runtime.CompilerServices;

namespace SidFlow.Emulation;

/// <summary>
/// One voice's ADSR: an 8-bit level stepped by a rate counter whose period comes from the 4-bit rate
/// (the chip's 16 periods, in cycles), with decay and release slowed by the exponential divider. As on
/// the chip, the divider's period changes only when the level passes exactly 255, 93, 54, 26, 14, 6 and
/// 0 (to 1, 2, 4, 8, 16, 30 and 1), so a release that starts in the middle of an attack keeps the
/// period the attack last set; decay stops only where the level equals the sustain level (raising
/// sustain during decay lets it fall to zero); the level freezes on reaching zero until the next attack,
/// and a release that begins before an attack's first step wraps it from 0 to 255. The rate counter is
/// the chip's 15-bit counter compared for equality, so a rate written below the count so far first
/// wraps through 32768 cycles (the "ADSR delay bug" hard-restart players rely on). Time advances in
/// batches, so a sample or a whole frame costs a few operations. Power-on state follows what sidplayfp
/// (reSIDfp), the reference renderer, does: the level starts at $AA and holds there until a write
/// selects a rate, so a release rate written by init is heard fading out of it.
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
    private int _expPeriod = 1;
    // Cleared when decay or release reaches zero; only an attack counts again.
    private bool _counting = true;
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
            _counting = true;
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
            if (_state != State.Attack && (!_counting || (_state == State.DecaySustain && Level == _sustainLevel)))
            {
                // Sustaining, or frozen at zero: nothing moves until a register write.
                _rateCounter %= _period;
                return;
            }

            _rateCounter -= _period;
            if (_state == State.Attack)
            {
                _expCounter = 0;
                Level = (Level + 1) & 0xFF;
                PassLevel();
                if (Level == 0xFF)
                {
                    _state = State.DecaySustain;
                    _period = RatePeriods[_decay];
                }

                continue;
            }

            if (++_expCounter < _expPeriod)
            {
                continue;
            }

            _expCounter = 0;
            Level = (Level - 1) & 0xFF;
            if (Level == 0)
            {
                _counting = false;
            }

            PassLevel();
        }
    }

    private void PassLevel()
    {
        _expPeriod = Level switch
        {
            0xFF or 0x00 => 1,
            0x5D => 2,
            0x36 => 4,
            0x1A => 8,
            0x0E => 16,
            0x06 => 30,
            _ => _expPeriod,
        };
    }

    private void UseRate(int rate)
    {
        _rateCounter %= CounterRange;
        _period = RatePeriods[rate];
    }
}
