using System;
using System.Linq;
using System.Globalization;
using System.CommandLine;
using System.CommandLine.Help;
using System.Threading;
using System.Threading.Tasks;
using SdeDsl.Ensembles;

namespace SdeDsl.Cli.Commands;

/// <summary>The <c>sdedsl</c> command line: <c>replicate</c>, <c>list</c>, <c>simulate</c>, <c>check</c>, <c>bench</c>,
/// <c>worker</c>.</summary>
internal static class CommandLineApp
{
    /// <summary>Shown on every error line, and on --verbose the stack trace too.</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Print stack traces of errors.", Recursive = true };

    /// <summary>The command's name in usage lines (a RootCommand would name the entry assembly, SdeDsl.Cli).</summary>
    public const string Name = "sdedsl";

    public static Command Build(AppIO io)
    {
        var root = new Command(Name,
            "sdedsl: simulate and check SDE models of optimizers declared with SdeDsl, time their kernels, and reproduce the reference "
            + "experiments (SignSGD, RMSpropW, AdamW and their SDEs). Exit codes: 0 success, 1 a check or run failed, 2 bad arguments, 130 cancelled.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(Verbose);
        root.Subcommands.Add(ReplicateCommand.Build(io));
        root.Subcommands.Add(ListCommand.Build(io));
        root.Subcommands.Add(SimulateCommand.Build(io));
        root.Subcommands.Add(CheckCommand.Build(io));
        root.Subcommands.Add(BenchCommand.Build(io));
        root.Subcommands.Add(WorkerCommand.Build(io));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a parse error is one line on the error writer and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args, AppIO io, CancellationToken cancellationToken = default)
    {
        // Every number the tool writes (tables, report.md, CSV) is in the invariant culture, whatever the machine's: the
        // project's InvariantGlobalization does not hold when DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false overrides it
        // (report.md then had "0,001563 ± 9,9E-06" beside "0.001567"). The culture flows into the awaited command.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        Command root = Build(io);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            string command = parse.CommandResult.Command == root ? "sdedsl" : "sdedsl " + parse.CommandResult.Command.Name;
            io.Error.WriteLine($"error: {Friendly(FirstToReport(parse.Errors))} (see '{command} --help')");
            return ExitCodes.BadArguments;
        }

        // Ctrl+C is the caller's (Program cancels the token): System.CommandLine's own handling would end the process
        // before the action has written what finished.
        var configuration = new InvocationConfiguration { Output = io.Out, Error = io.Error, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The parse error to report: a word the command does not know ('sdedsl frobnicate') or a missing argument
    /// ('sdedsl simulate' without a model) before what follows from it (no command given, a required option).</summary>
    private static System.CommandLine.Parsing.ParseError FirstToReport(System.Collections.Generic.IReadOnlyList<System.CommandLine.Parsing.ParseError> errors)
    {
        foreach (string start in new[] { "Unrecognized command or argument", "Required argument missing" })
        {
            foreach (System.CommandLine.Parsing.ParseError error in errors)
            {
                if (error.Message.StartsWith(start, StringComparison.Ordinal))
                {
                    return error;
                }
            }
        }

        return errors[0];
    }

    /// <summary>The parser's message with the .NET type it names said in words.</summary>
    private static string Friendly(System.CommandLine.Parsing.ParseError error) => error.Message
        .Replace("as expected type 'System.UInt64'", "as a whole number from 0 to 18446744073709551615", StringComparison.Ordinal)
        .Replace("as expected type 'System.Int64'", "as a whole number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Int32'", "as a whole number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Double'", "as a number", StringComparison.Ordinal);

    /// <summary>Runs a command's body: bad arguments or arrays that do not fit in memory → one line and 2; a diverged path →
    /// one line and 1; Ctrl+C → 130.</summary>
    public static int Guard(AppIO io, ParseResult parse, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ArgumentException e)
        {
            io.Error.WriteLine("error: " + Describe(e, parse.CommandResult.Command));
            WriteTrace(io, parse, e);
            return ExitCodes.BadArguments;
        }
        catch (EnsembleDivergedException e)
        {
            io.Error.WriteLine("error: the run diverged: " + e.Message + (e.Step == 1 && double.IsNaN(e.Value)
                ? " A NaN at the first step usually means the model is not defined at its start: an SDE whose drift divides by t "
                  + "or by a state that starts at 0 (Adam's bias correction, v) needs --t0 > 0 or --init; see 'sdedsl simulate --help'."
                : ""));
            WriteTrace(io, parse, e);
            return ExitCodes.Failed;
        }
        catch (SdeDsl.Distributed.DistributedRunException e)
        {
            io.Error.WriteLine("error: the distributed run failed: " + e.Message);
            WriteTrace(io, parse, e);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            io.Error.WriteLine("cancelled.");
            return ExitCodes.Canceled;
        }
        catch (Exception e) when (e is OutOfMemoryException || e.InnerException is OutOfMemoryException)
        {
            // A run whose arrays do not fit ended in an unhandled exception and a stack trace.
            io.Error.WriteLine("error: out of memory: the run's arrays do not fit in this machine's memory; give fewer --paths, fewer records "
                + "(--record-every), or a smaller objective.");
            WriteTrace(io, parse, e);
            return ExitCodes.BadArguments;
        }
    }

    /// <summary>The message of <paramref name="e"/> on one line, without what .NET adds to it: the " (Parameter 'x')"
    /// suffix, and the "Actual value was …" line of an <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static string Message(ArgumentException e) => SdeDsl.Runs.ArgumentMessages.Text(e);

    /// <summary>The <see cref="Message"/>, prefixed by the options of <paramref name="command"/> it names (one, or a
    /// comma-separated list). A parameter that is no option of the command (its arguments, such as the model; the
    /// engine's own, such as options or kind) gets no prefix: the message names what it is about.</summary>
    public static string Describe(ArgumentException e, Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        string message = Message(e);
        string[]? names = e.ParamName?.Split(", ").Select(static n => n.StartsWith('-') ? n : "--" + n).ToArray();
        if (names is null || !names.All(n => command.Options.Any(o => o.Name == n)))
        {
            return message;
        }

        string name = string.Join(", ", names);
        if (message.StartsWith(name, StringComparison.Ordinal))
        {
            return message;
        }

        return message.StartsWith(e.ParamName + " ", StringComparison.Ordinal) ? "--" + message : $"{name}: {message}";
    }

    private static void WriteTrace(AppIO io, ParseResult parse, Exception e)
    {
        if (parse.GetValue(Verbose))
        {
            io.Error.WriteLine(e.ToString());
        }
    }
}
