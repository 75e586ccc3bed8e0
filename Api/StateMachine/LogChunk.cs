namespace Overseer.Api.StateMachine;

/// <summary>A piece of an attempt's output, ready to store.</summary>
/// <param name="Seq">Position in the attempt's output (1-based, increasing across both streams).</param>
/// <param name="Stream">1 for stdout, 2 for stderr.</param>
/// <param name="AgoMs">How long ago it was read, in milliseconds (the database clock stamps it).</param>
/// <param name="Data">The raw bytes (not necessarily valid UTF-8).</param>
public sealed record LogChunk(int Seq, short Stream, double AgoMs, byte[] Data);
