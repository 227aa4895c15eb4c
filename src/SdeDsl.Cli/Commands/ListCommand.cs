using System.CommandLine;
using System.Linq;
using SdeDsl.Runs;
using Spectre.Console;

namespace SdeDsl.Cli.Commands;

/// <summary><c>sdedsl list</c>: the models, their states, hyperparameters with bounds, and integrators.</summary>
internal static class ListCommand
{
    public static Command Build(AppIO io)
    {
        var assembly = ModelOptions.Assembly();
        var command = new Command("list", "List the models: the built-in catalog and those of --assembly: states, hyperparameters with their ranges, integrators.");
        command.Options.Add(assembly);
        command.SetAction(parse => CommandLineApp.Guard(io, parse, () =>
        {
            ModelCatalog catalog = ArgumentParsing.Catalog(parse.GetValue(assembly) ?? []);
            var table = new Table().Title("SdeDsl models");
            foreach (string column in new[] { "model", "states (diffused*)", "hyperparameters", "optimizer", "SDE integrators" })
            {
                table.AddColumn(column);
            }

            foreach (ModelInfo model in catalog.Models)
            {
                table.AddRow(
                    Markup.Escape(model.Type.FullName ?? model.Name),
                    Markup.Escape(string.Join(", ", model.States.Select(s => model.DiffusedStates.Contains(s) ? s + "*" : s))),
                    Markup.Escape(string.Join(", ", model.Hyperparameters.Select(h => $"{h.Name} ∈ {h.Range}"))),
                    model.HasUpdate ? "yes" : "no",
                    Markup.Escape(model.HasSde ? string.Join(", ", model.Integrators) + (model.NeedsHessian ? " (higher orders read the Hessian)" : "") : "none"));
            }

            io.Console.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }
}
