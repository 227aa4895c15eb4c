using System;
using System.Collections.Generic;
using System.Globalization;

namespace SdeDsl.Runs;

/// <summary>Reads the pieces of a spec string (<c>kind:part:part</c>) and reports a bad part in one sentence that names
/// the argument, the spec and what is allowed.</summary>
internal readonly struct SpecReader
{
    private readonly string _spec;
    private readonly string _argument;
    private readonly string _grammar;

    public SpecReader(string spec, string argument, string grammar)
    {
        _spec = spec;
        _argument = argument;
        _grammar = grammar;
        Parts = spec.Split(':');
    }

    public string[] Parts { get; }

    public string Kind => Parts[0].Trim().ToLowerInvariant();

    public ArgumentException Error(string what) =>
        new($"{_argument} '{_spec}': {what}; expected {_grammar}.", _argument);

    public void RequireParts(int min, int max)
    {
        if (Parts.Length < min || Parts.Length > max)
        {
            throw Error(min == max ? $"{Parts.Length - 1} values after the kind, not {min - 1}" : $"{Parts.Length - 1} values after the kind, not {min - 1} to {max - 1}");
        }
    }

    public double Number(int part, string name, double min = double.NegativeInfinity, bool exclusiveMin = false)
    {
        double value = ParseNumber(Parts[part], name);
        CheckMin(value, name, min, exclusiveMin);
        return value;
    }

    public int Integer(int part, string name, int min)
    {
        if (!int.TryParse(Parts[part], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw Error($"{name} '{Parts[part]}' is not a whole number");
        }

        if (value < min)
        {
            throw Error($"{name} = {value} must be at least {min}");
        }

        return value;
    }

    /// <summary>A list <c>a,b,c</c> where an item <c>v*n</c> stands for n copies of v.</summary>
    public double[] List(int part, string name, double min = double.NegativeInfinity, bool exclusiveMin = false)
    {
        var values = new List<double>();
        foreach (string item in Parts[part].Split(','))
        {
            string[] repeat = item.Split('*');
            if (repeat.Length > 2)
            {
                throw Error($"{name} item '{item}' has more than one '*'");
            }

            double value = ParseNumber(repeat[0], name);
            CheckMin(value, name, min, exclusiveMin);
            int count = 1;
            if (repeat.Length == 2 && (!int.TryParse(repeat[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count < 1 || count > 1 << 24))
            {
                throw Error($"{name} item '{item}': the count after '*' must be a whole number from 1 to {1 << 24}");
            }

            for (int i = 0; i < count; i++)
            {
                values.Add(value);
            }
        }

        return values.ToArray();
    }

    private double ParseNumber(string text, string name)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw Error($"{name} '{text}' is not a finite number");
        }

        return value;
    }

    private void CheckMin(double value, string name, double min, bool exclusive)
    {
        if (exclusive ? !(value > min) : !(value >= min))
        {
            throw Error($"{name} = {value.ToString("R", CultureInfo.InvariantCulture)} must be {(exclusive ? ">" : "≥")} {min.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
