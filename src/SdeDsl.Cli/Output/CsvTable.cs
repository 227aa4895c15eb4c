using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace SdeDsl.Cli.Output;

/// <summary>A CSV table (RFC 4180 quoting, invariant culture, round-trip doubles). A NaN or ±∞ is an empty cell, the
/// missing value of CSV readers, as results.json writes it null.</summary>
internal sealed class CsvTable(params string[] header)
{
    private readonly List<object?[]> _rows = [];

    public IReadOnlyList<string> Header { get; } = header;

    public int RowCount => _rows.Count;

    public void Add(params object?[] row)
    {
        if (row.Length != Header.Count)
        {
            throw new ArgumentException($"A row has {row.Length} cells; the header has {Header.Count}.", nameof(row));
        }

        _rows.Add(row);
    }

    public void Save(string path)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Header));
        foreach (object?[] row in _rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append(Cell(row[i]));
            }

            text.AppendLine();
        }

        File.WriteAllText(path, text.ToString());
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
