namespace Overseer.Api.Leadership;

internal static partial class LeadershipLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Holder} is the leader (term {Term})")]
    public static partial void Acquired(ILogger logger, string holder, long term);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Holder} lost the lease (term {Term} is over)")]
    public static partial void Lost(ILogger logger, string holder, long term);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Holder} stepped down: could not renew term {Term} within the renew deadline")]
    public static partial void SteppedDown(ILogger logger, string holder, long term);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election step failed: {Error}")]
    public static partial void RenewFailed(ILogger logger, string error);
}
