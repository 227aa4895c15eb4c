using System.Collections.Generic;
using System.IO;
using SdeDsl.Cli.Output;

namespace SdeDsl.Cli.Experiments;

/// <summary>Writes an experiment's figures and tables as <c>&lt;id&gt;-&lt;name&gt;.png</c> and
/// <c>&lt;id&gt;-&lt;name&gt;.csv</c> in the output folder, and remembers their names.</summary>
internal sealed class ArtifactWriter(string directory, string id)
{
    private readonly List<string> _figures = [];
    private readonly List<string> _tables = [];

    public IReadOnlyList<string> Figures => _figures;

    public IReadOnlyList<string> Tables => _tables;

    public void Figure(string name, FigureSpec figure)
    {
        string file = $"{id}-{name}.png";
        FigureRenderer.SavePng(figure, Path.Combine(directory, file));
        _figures.Add(file);
    }

    public void Table(string name, CsvTable table)
    {
        string file = $"{id}-{name}.csv";
        table.Save(Path.Combine(directory, file));
        _tables.Add(file);
    }
}
