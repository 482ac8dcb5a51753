using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Custodian.Audit;

/// <summary>
/// SHA-256 of one encoded event. A chain walk hashes a million short inputs, and through
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> each one pays OpenSSL's EVP set-up: a context
/// allocated and freed and the error queue cleared, three times the hashing itself. Where the runtime's own
/// libcrypto is present (Linux), the same library's SHA-256 is called on a context on the stack instead; the
/// digest is the same either way, and elsewhere the framework's one-shot is used.
/// </summary>
internal static class ChainDigest
{
    private const string Library = "libcrypto.so.3";

    // SHA256_CTX is 112 bytes in every OpenSSL 3 build; the room to spare costs nothing.
    private const int ContextSize = 128;

    private static readonly bool Native = OperatingSystem.IsLinux() && NativeWorks();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (!Native)
        {
            SHA256.HashData(data, destination);
            return;
        }

        Span<byte> context = stackalloc byte[ContextSize];
        ref var c = ref MemoryMarshal.GetReference(context);
        if (SHA256_Init(ref c) != 1
            || SHA256_Update(ref c, ref MemoryMarshal.GetReference(data), (nuint)data.Length) != 1
            || SHA256_Final(ref MemoryMarshal.GetReference(destination[..32]), ref c) != 1)
        {
            throw new CryptographicException("libcrypto's SHA-256 failed.");
        }
    }

    // Loaded and checked against the framework once, so a libcrypto that is missing or differs falls back rather than breaks a chain.
    private static bool NativeWorks()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(ChainDigest).Assembly, null, out var handle)
            || !NativeLibrary.TryGetExport(handle, "SHA256_Init", out _))
        {
            return false;
        }

        ReadOnlySpan<byte> probe = "custodian audit chain"u8;
        Span<byte> context = stackalloc byte[ContextSize];
        Span<byte> native = stackalloc byte[32];
        ref var c = ref MemoryMarshal.GetReference(context);
        var ok = SHA256_Init(ref c) == 1
            && SHA256_Update(ref c, ref MemoryMarshal.GetReference(probe), (nuint)probe.Length) == 1
            && SHA256_Final(ref MemoryMarshal.GetReference(native), ref c) == 1;
        return ok && native.SequenceEqual(SHA256.HashData(probe));
    }

    // Pure computation over memory the caller holds: no GC transition is needed around these.
    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA256_Init(ref byte context);

    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA256_Update(ref byte context, ref byte data, nuint length);

    [DllImport(Library), SuppressGCTransition]
    private static extern int SHA256_Final(ref byte digest, ref byte context);
}
