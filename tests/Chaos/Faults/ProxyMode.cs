namespace Overseer.Chaos.Faults;

/// <summary>What the <see cref="FaultProxy"/> does with its connections.</summary>
public enum ProxyMode
{
    /// <summary>Forwards bytes both ways.</summary>
    Pass,

    /// <summary>Forwards bytes, each chunk after <see cref="FaultProxy.Latency"/>.</summary>
    Latency,

    /// <summary>Accepts connections and reads from them, but forwards nothing either way.</summary>
    Blackhole,

    /// <summary>Resets every open connection and every new one (TCP RST).</summary>
    Reset,

    /// <summary>Forwards bytes, but a side's close reaches the other side only after <see cref="FaultProxy.CloseDelay"/>.</summary>
    SlowClose,
}
