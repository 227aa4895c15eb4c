using System;

namespace SdeDsl.Distributed;

/// <summary>A distributed run could not complete: a work item failed on every attempt (no worker left to run it), or
/// the work of an item threw (its type and message are in <see cref="Exception.Message"/>).</summary>
public sealed class DistributedRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DistributedRunException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DistributedRunException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DistributedRunException(string message)
        : base(message)
    {
    }
}
