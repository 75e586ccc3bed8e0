namespace Overseer.Api.StateMachine;

/// <summary>New output of an attempt plus its running totals.</summary>
/// <param name="Chunks">Chunks to append.</param>
/// <param name="DeleteBelowSeq">Stored chunks with a smaller seq are dropped (0: none).</param>
/// <param name="LogBytes">Bytes stored after this update.</param>
/// <param name="TruncatedBytes">Bytes dropped so far to respect the limit.</param>
public sealed record LogUpdate(IReadOnlyList<LogChunk> Chunks, int DeleteBelowSeq, long LogBytes, long TruncatedBytes);
