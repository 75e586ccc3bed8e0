using System.Globalization;
using System.Text;

namespace Overseer.Sidecar.Proxy;

/// <summary>Writes a response head (Latin-1, CRLF lines) into a buffer, growing into a rented array only when headers are huge.</summary>
internal ref struct HeadBuilder(Span<byte> buffer)
{
    private Span<byte> _buffer = buffer;
    private byte[]? _grown;

    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Length];

    /// <summary>The bytes, as memory (only valid when the head grew into its own array, else null).</summary>
    public readonly byte[]? Grown => _grown;

    public void Append(string text)
    {
        Ensure(text.Length);
        Length += Encoding.Latin1.GetBytes(text, _buffer[Length..]);
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer[Length..]);
        Length += bytes.Length;
    }

    public void Append(long number)
    {
        Ensure(20);
        number.TryFormat(_buffer[Length..], out var written, default, CultureInfo.InvariantCulture);
        Length += written;
    }

    public void Header(string name, string value)
    {
        Append(name);
        Append(": "u8);
        Append(value);
        Append("\r\n"u8);
    }

    private void Ensure(int more)
    {
        if (Length + more <= _buffer.Length)
        {
            return;
        }
        var grown = new byte[Math.Max(_buffer.Length * 2, Length + more + 1024)];
        _buffer[..Length].CopyTo(grown);
        _grown = grown;
        _buffer = grown;
    }
}
