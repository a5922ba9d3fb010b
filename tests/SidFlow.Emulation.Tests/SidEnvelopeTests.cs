using SidFlow.Emulation;
using Xunit;

namespace SidFlow.Emulation.Tests;

/// <summary>ADSR behaviours players depend on, as the chip (and reSIDfp, the reference renderer) has them.</summary>
public sealed class SidEnvelopeTests
{
    private const byte GateOn = 0x01;
    private const byte GateOff = 0x00;

    /// <summary>An envelope at level 0 with every rate at its fastest (9 cycles per step) and its rate counter in step.</summary>
    private static SidEnvelope Silent()
    {
        var envelope = new SidEnvelope();
        envelope.SetAttackDecay(0x00);
        envelope.SetSustainRelease(0x00);
        envelope.Advance(100_000);
        Assert.Equal(0, envelope.Level);
        return envelope;
    }

    [Fact]
    public void Advance_DecayReachesSustain_HoldsThere()
    {
        SidEnvelope envelope = Silent();
        envelope.SetSustainRelease(0x40);
        envelope.SetControl(GateOn);

        envelope.Advance(100_000);

        Assert.Equal(0x44, envelope.Level);
    }

    [Fact]
    public void Advance_SustainRaisedAboveTheLevel_DecaysToZero()
    {
        SidEnvelope envelope = Silent();
        envelope.SetSustainRelease(0x40);
        envelope.SetControl(GateOn);
        envelope.Advance(100_000);

        envelope.SetSustainRelease(0x80);
        envelope.Advance(100_000);

        Assert.Equal(0, envelope.Level);
    }

    [Fact]
    public void Advance_ReleaseFromTheMiddleOfAnAttack_KeepsTheAttacksExponentialPeriod()
    {
        SidEnvelope envelope = Silent();
        envelope.SetControl(GateOn);
        envelope.Advance(0x80 * 9);
        int start = envelope.Level;
        Assert.InRange(start, 0x7E, 0x82);

        // The attack passed 93 last, which set the divider to 2: release runs at half the rate-0 speed even
        // though the level is above 93, where a decay from 255 would run at full speed.
        envelope.SetControl(GateOff);
        envelope.Advance(40 * 9);

        Assert.InRange(start - envelope.Level, 19, 21);
    }

    [Fact]
    public void SetControl_ReleaseBeforeTheAttacksFirstStep_WrapsFromZeroTo255()
    {
        SidEnvelope envelope = Silent();
        envelope.SetAttackDecay(0xF0);
        envelope.SetControl(GateOn);
        envelope.Advance(20);

        // Rate 0 is now below the count (20), so the counter first wraps through 32768 cycles; then
        // about 80 steps of 9 cycles count down from 255.
        envelope.SetControl(GateOff);
        envelope.Advance(33_500);

        Assert.True(envelope.Level > 0x80, $"release counted down from 255 (level {envelope.Level})");
    }

    [Fact]
    public void Advance_ReleaseReachesZero_StaysFrozenUntilTheNextAttack()
    {
        SidEnvelope envelope = Silent();

        envelope.Advance(1_000_000);
        Assert.Equal(0, envelope.Level);

        envelope.SetControl(GateOn);
        envelope.Advance(9 * 10);
        Assert.InRange(envelope.Level, 9, 11);
    }
}
