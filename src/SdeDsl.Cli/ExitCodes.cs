namespace SdeDsl.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done, and every check passed.</summary>
    public const int Success = 0;

    /// <summary>A check failed, or a run failed (e.g. a path diverged).</summary>
    public const int Failed = 1;

    /// <summary>A bad argument: unknown model, malformed spec, out-of-range hyperparameter, …</summary>
    public const int BadArguments = 2;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT).</summary>
    public const int Canceled = 130;
}
