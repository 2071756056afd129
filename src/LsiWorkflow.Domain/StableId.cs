using System.Security.Cryptography;
using System.Text;

namespace LsiWorkflow.Domain;

/// <summary>Guids derived from a stable name, so seeding twice yields the same keys and stays idempotent.</summary>
public static class StableId
{
    public static Guid For(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("lsi-workflow:" + name), hash);
        var bytes = hash[..16];
        // Mark it as an RFC 9562 version 8 (custom) Guid so nobody mistakes it for a random or time-based one.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
