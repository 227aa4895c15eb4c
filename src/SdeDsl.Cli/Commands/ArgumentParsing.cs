using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using SdeDsl.Ensembles;
using SdeDsl.Runs;

namespace SdeDsl.Cli.Commands;

/// <summary>Parses the tool's value syntaxes; every failure is an <see cref="ArgumentException"/> naming the option.</summary>
internal static class ArgumentParsing
{
    /// <summary><c>Eta=0.01,Beta1=0.9</c>, possibly given several times.</summary>
    public static SortedDictionary<string, double> Hyperparameters(IEnumerable<string> sets)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (string set in sets)
        {
            foreach (string item in set.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    throw new ArgumentException($"'{item}' is not NAME=VALUE (e.g. --set Eta=0.01,Beta1=0.9).", "--set");
                }

                // Names are case-insensitive: Eta=0.01,eta=0.02 ran the optimizer at one η and the SDE at the other.
                if (values.Keys.FirstOrDefault(k => string.Equals(k, parts[0], StringComparison.OrdinalIgnoreCase)) is { } given)
                {
                    throw new ArgumentException($"{given} is set twice ({given}={values[given].ToString("R", CultureInfo.InvariantCulture)} and {item}); hyperparameter names ignore case.", "--set");
                }

                values[parts[0]] = Number(parts[1], "--set " + parts[0]);
            }
        }

        return values;
    }

    /// <summary><c>NAME=v1,v2,…</c>: starting values of a state component.</summary>
    public static Dictionary<string, double[]> InitialStates(IEnumerable<string> inits)
    {
        var states = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (string init in inits)
        {
            string[] parts = init.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new ArgumentException($"'{init}' is not STATE=v1,v2,… (e.g. --init v=1).", "--init");
            }

            if (states.ContainsKey(parts[0]))
            {
                throw new ArgumentException($"{parts[0]} is given twice; give each state one --init.", "--init");
            }

            states[parts[0]] = List(parts[1], "--init " + parts[0]);
        }

        return states;
    }

    /// <summary>A comma-separated list of finite numbers.</summary>
    public static double[] List(string text, string option)
    {
        string[] items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Length == 0 || items.Any(i => i.Length == 0))
        {
            throw new ArgumentException($"'{text}' is not a comma-separated list of numbers.", option);
        }

        return items.Select(i => Number(i, option)).ToArray();
    }

    public static double Number(string text, string option)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new ArgumentException($"'{text}' is not a finite number.", option);
        }

        return value;
    }

    /// <summary><c>double</c>, <c>single</c> (also <c>float</c>) or <c>single-own-draws</c>.</summary>
    public static EnsemblePrecision Precision(string text) => text.Trim().ToLowerInvariant() switch
    {
        "double" => EnsemblePrecision.Double,
        "single" or "float" => EnsemblePrecision.Single,
        "single-own-draws" => EnsemblePrecision.SingleOwnDraws,
        _ => throw new ArgumentException($"'{text}' is not a precision; use double, single or single-own-draws.", "--precision"),
    };

    /// <summary><c>em</c>, <c>milstein</c> or <c>weak2</c>.</summary>
    public static SdeIntegrator Integrator(string text) => text.Trim().ToLowerInvariant() switch
    {
        "em" or "euler-maruyama" => SdeIntegrator.EulerMaruyama,
        "milstein" => SdeIntegrator.Milstein,
        "weak2" or "weak-order2" => SdeIntegrator.WeakOrder2,
        _ => throw new ArgumentException($"'{text}' is not an integrator; use em, milstein or weak2.", "--integrator"),
    };

    /// <summary>The catalog of SdeDsl.Optimizers plus the models of each <c>--assembly</c>.</summary>
    public static ModelCatalog Catalog(IEnumerable<string> assemblyPaths)
    {
        var assemblies = new List<Assembly> { typeof(SdeDsl.Optimizers.SignSgd).Assembly };
        foreach (string path in assemblyPaths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("an empty path: give the path of a compiled library.", "--assembly");
            }

            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new ArgumentException($"'{path}' does not exist.", "--assembly");
            }

            try
            {
                assemblies.Add(Assembly.LoadFrom(full));
            }
            catch (BadImageFormatException e)
            {
                throw new ArgumentException($"'{path}' is not a .NET assembly: {e.Message}", "--assembly", e);
            }
        }

        return new ModelCatalog(assemblies);
    }

    /// <summary>
    /// Checks before a run that the output folder can be written: creates it, and a probe file in it that is deleted
    /// again. A path that is a file, outside a writable place or not a path at all is a bad --out, said at once rather
    /// than after the computation.
    /// </summary>
    public static void WritableFolder(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("an empty path: give a folder to write to.", "--out");
        }

        try
        {
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, ".sdedsl-write-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"'{path}' cannot be written as a folder: {(e is ArgumentException a ? CommandLineApp.Message(a) : e.Message)}", "--out", e);
        }
    }

    /// <summary>Validates a count option.</summary>
    public static void AtLeast(long value, long min, string option)
    {
        if (value < min)
        {
            throw new ArgumentException($"{value} is below the minimum {min}.", option);
        }
    }
}
