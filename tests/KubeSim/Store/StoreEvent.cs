namespace Overseer.KubeSim.Store;

/// <summary>A change: <c>ADDED</c>, <c>MODIFIED</c> or <c>DELETED</c>, the object after it and (for MODIFIED) before it.</summary>
public sealed record StoreEvent(string Type, StoredObject Object, StoredObject? Previous);
