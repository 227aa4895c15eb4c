using System.IO;
using SdeDsl.Cli;
using SdeDsl.Cli.Commands;

namespace SdeDsl.Cli.Tests;

/// <summary>Runs the tool in-process with plain text output, as a redirected console would see it.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLineApp.RunAsync(args, AppIO.Plain(output, error)).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh folder under the system temp folder.</summary>
    public static string TempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "sdedsl-tests-" + Path.GetRandomFileName());
        Directory.CreateDirectory(path);
        return path;
    }
}
