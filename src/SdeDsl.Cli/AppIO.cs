using System;
using System.IO;
using Spectre.Console;

namespace SdeDsl.Cli;

/// <summary>Where the tool writes: tables and progress to <see cref="Console"/>, one-line errors to
/// <see cref="Error"/>. <see cref="Interactive"/> is false when output is redirected: progress then comes as plain
/// lines, so that CI logs stay readable.</summary>
internal sealed record AppIO(IAnsiConsole Console, TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>The process's own console.</summary>
    public static AppIO FromProcess()
    {
        bool interactive = !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (System.Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 160; // a log file has no width: do not wrap tables at 80 columns
        }

        return new AppIO(AnsiConsole.Console, System.Console.Out, System.Console.Error, interactive);
    }

    /// <summary>Plain text to a writer (tests, redirected output): no colour, no live display.</summary>
    public static AppIO Plain(TextWriter output, TextWriter error)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return new AppIO(console, output, error, Interactive: false);
    }
}
