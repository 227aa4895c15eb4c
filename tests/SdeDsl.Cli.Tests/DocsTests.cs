using System;
using System.IO;
using SdeDsl.Cli.Experiments;
using Xunit;

namespace SdeDsl.Cli.Tests;

/// <summary>docs/replication.md states every experiment's parameters with the defaults the code uses.</summary>
public sealed class DocsTests
{
    internal static string Repository()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "SdeDsl.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("SdeDsl.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void ReplicationDoc_GivesEveryDefault()
    {
        string doc = File.ReadAllText(Path.Combine(Repository(), "docs", "replication.md"));
        foreach (IExperiment experiment in ExperimentCatalog.All)
        {
            Assert.Contains($"| {experiment.Id} |", doc, StringComparison.Ordinal);
            foreach (ExperimentParameter parameter in experiment.Parameters)
            {
                string option = $"`--{parameter.Name} {parameter.Default.Split(' ')[0]}`";
                Assert.True(doc.Contains(option, StringComparison.Ordinal), $"{experiment.Id}: docs/replication.md lacks {option}");
            }
        }
    }
}
