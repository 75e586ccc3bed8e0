using System.Text;

namespace Overseer.Api.Tasks;

/// <summary>
/// Turns stored output chunks into text: stdout and stderr interleaved in the order they were read, each stream
/// decoded as UTF-8 on its own (so a character split across chunks survives, and invalid bytes become U+FFFD).
/// </summary>
internal static class LogText
{
    public static string Render(IEnumerable<(short Stream, byte[] Data)> chunks, long truncatedBytes)
    {
        var text = new StringBuilder();
        if (truncatedBytes > 0)
        {
            text.Append("[overseer: ").Append(truncatedBytes).Append(" earlier bytes of output were truncated; the tail is kept]\n");
        }
        var decoders = new[] { Encoding.UTF8.GetDecoder(), Encoding.UTF8.GetDecoder() };
        var buffer = new char[8192];
        foreach (var (stream, data) in chunks)
        {
            var decoder = decoders[stream == 2 ? 1 : 0];
            var input = data.AsSpan();
            while (!input.IsEmpty)
            {
                var take = Math.Min(input.Length, 4096);
                decoder.Convert(input[..take], buffer, flush: false, out var used, out var chars, out _);
                text.Append(buffer, 0, chars);
                input = input[used..];
            }
        }
        foreach (var decoder in decoders)
        {
            var chars = decoder.GetChars([], 0, 0, buffer, 0, flush: true);
            text.Append(buffer, 0, chars);
        }
        return text.ToString();
    }
}
