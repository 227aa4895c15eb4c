using System.Runtime.CompilerServices;

namespace SdeDsl.RandomNumbers;

/// <summary>Stack room for the raw words of one tile: 64 32-bit words (= 32 64-bit words).</summary>
[InlineArray(64)]
internal struct WordBuffer32
{
    private uint _element0;
}
