using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Scripts;

/// <summary>
/// Streams the raw 32-bit words of <see cref="PhiloxStream.FillUInt32"/> (little-endian) to stdout until the reader
/// closes the pipe: seed and stream id from the arguments, path 0, elements 0 … 2^34 − 1 of step 0, then of step 1, …
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ulong seed = args.Length > 0 ? ulong.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20240601UL;
        uint streamId = args.Length > 1 ? uint.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0u;
        var stream = new PhiloxStream(seed, streamId);
        const int Chunk = 1 << 20;
        const long ElementsPerStep = 1L << 34;
        uint[] words = new uint[Chunk];
        // A FileStream on descriptor 1, not Console's stream, which ignores EPIPE and would write forever.
        using var output = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1 << 16);
        try
        {
            for (long step = 0; step <= PhiloxStream.MaxIndex; step++)
            {
                for (long element = 0; element < ElementsPerStep; element += Chunk)
                {
                    stream.FillUInt32(words, 0, step, element);
                    output.Write(MemoryMarshal.AsBytes(words.AsSpan()));
                }
            }
        }
        catch (IOException)
        {
            // The reader (dieharder) is done and closed the pipe.
        }

        return 0;
    }
}
