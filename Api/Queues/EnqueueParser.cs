using System.Text;
using System.Text.Json;
using Overseer.Api.Infrastructure.Http;
using Overseer.Contracts.Queues;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Queues;

/// <summary>Reads an enqueue body (one item object, or an array of them) and checks every item; every problem is named by its field.</summary>
internal static class EnqueueParser
{
    /// <summary>Longest dedup key.</summary>
    public const int MaxDedupKeyLength = 256;

    /// <summary>The items, or the problems (exactly one of the two is non-null).</summary>
    public static (List<ParsedItem>? Items, ValidationErrors? Errors) Parse(byte[] body, QueueOptions options)
    {
        var errors = new ValidationErrors();
        var first = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (first.IsEmpty || (first[0] != (byte)'[' && first[0] != (byte)'{'))
        {
            errors.Add("body", "must be an item object or an array of item objects");
            return (null, errors);
        }
        var isArray = first[0] == (byte)'[';
        var prefix = isArray ? "items" : "";
        List<EnqueueItem?> items;
        try
        {
            items = isArray
                ? JsonSerializer.Deserialize(body, QueuesJson.Strict.ListEnqueueItem)?.Cast<EnqueueItem?>().ToList() ?? []
                : [JsonSerializer.Deserialize(body, QueuesJson.Strict.EnqueueItem)];
        }
        catch (JsonException e)
        {
            errors.Add(JsonErrors.FieldOf(e, prefix), JsonErrors.Describe(e));
            return (null, errors);
        }
        if (items.Count == 0)
        {
            errors.Add(isArray ? "items" : "body", "at least one item is required");
            return (null, errors);
        }
        if (items.Count > options.MaxBatchItems)
        {
            errors.Add("items", $"at most {options.MaxBatchItems} items per request (got {items.Count}); split the batch");
            return (null, errors);
        }
        var parsed = new List<ParsedItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var field = isArray ? $"items[{i}]" : "";
            if (Check(items[i], field, options, errors) is { } item)
            {
                parsed.Add(item);
            }
        }
        return errors.IsEmpty ? (parsed, null) : (null, errors);
    }

    private static ParsedItem? Check(EnqueueItem? item, string field, QueueOptions options, ValidationErrors errors)
    {
        string Name(string member) => field.Length == 0 ? member : $"{field}.{member}";
        if (item is null)
        {
            errors.Add(field.Length == 0 ? "body" : field, "must be an item object, not null");
            return null;
        }
        var ok = true;
        string? payload = null;
        if (item.Payload.ValueKind == JsonValueKind.Undefined)
        {
            errors.Add(Name("payload"), "is required (any JSON value)");
            ok = false;
        }
        else
        {
            payload = item.Payload.GetRawText();
            var size = Encoding.UTF8.GetByteCount(payload);
            if (size > options.MaxPayloadBytes)
            {
                errors.Add(Name("payload"), $"is {size} bytes; the limit is {options.MaxPayloadBytes} bytes");
                ok = false;
            }
        }
        if (item.Priority is < -1000 or > 1000)
        {
            errors.Add(Name("priority"), $"must be between -1000 and 1000 (got {item.Priority})");
            ok = false;
        }
        if (item.DedupKey is { } key && (key.Length == 0 || TextRules.Check(key, MaxDedupKeyLength) is not null))
        {
            errors.Add(Name("dedupKey"), key.Length == 0 ? "must not be empty (omit it instead)" : TextRules.Check(key, MaxDedupKeyLength)!);
            ok = false;
        }
        return ok ? new ParsedItem(payload!, item.Priority ?? 0, item.RunAt?.UtcDateTime, item.DedupKey) : null;
    }
}
