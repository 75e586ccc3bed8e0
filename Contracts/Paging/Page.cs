namespace Overseer.Contracts.Paging;

/// <summary>A page of a keyset-paged list. Pass <see cref="NextCursor"/> as <c>cursor</c> to get the next page.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">Items of this page.</param>
/// <param name="NextCursor">Cursor of the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
