using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Threading;
using SdeDsl.Checks;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;

namespace SdeDsl.Runs;

/// <summary>
/// Runs a <see cref="RunDescription"/> with the ensemble engine: it resolves the model in a <see cref="ModelCatalog"/>,
/// builds the objective and noise from their specs and calls <see cref="Ensemble"/>'s generic entry points for the
/// model's type (one reflection call per run; the steps themselves are the generated kernels, with no virtual call).
/// </summary>
public static class RunExecutor
{
    /// <summary>Runs <paramref name="run"/>.</summary>
    /// <param name="run">The run.</param>
    /// <param name="catalog">Where the model is found.</param>
    /// <param name="threads">Threads to use (≥ 1); the results do not depend on it.</param>
    /// <param name="progress">Receives path-steps done.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="ArgumentException">Something in the description is wrong; the message names it.</exception>
    /// <exception cref="EnsembleDivergedException">A path reached NaN or ±∞.</exception>
    public static EnsembleResult Run(RunDescription run, ModelCatalog catalog, int threads = 0, IProgress<EnsembleProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Prepared prepared = Prepare(run, catalog);
        return Execute(run, prepared, Options(run, prepared, threads), progress, cancellationToken);
    }

    /// <summary>
    /// Runs paths [<paramref name="firstPath"/>, firstPath + <paramref name="paths"/>) of <paramref name="run"/> — a
    /// work item of a distributed run — and returns what the merge needs: the part's values if the whole run keeps
    /// values, else its blocks' moments. Parts merged in path order (<see cref="Merge"/>) give the bits of one run.
    /// </summary>
    internal static EnsemblePart RunPart(RunDescription run, ModelCatalog catalog, int firstPath, int paths, int threads = 0,
        IProgress<EnsembleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Prepared prepared = Prepare(run, catalog);
        EnsembleOptions whole = Options(run, prepared, threads);
        EnsembleOptions part = whole with { FirstPath = firstPath, Paths = paths, KeepValues = !whole.Streams, RetainBlocks = whole.Streams };
        return Execute(run, prepared, part, progress, cancellationToken).ToPart(firstPath);
    }

    /// <summary>Checks everything in <paramref name="run"/> that can be checked without running it — the model and its
    /// hyperparameters, the specs, the starting state, the observables, that the noise fits the objective — and throws
    /// the <see cref="ArgumentException"/> a run would, before any of a batch of runs has started.</summary>
    /// <param name="run">The run description.</param>
    /// <param name="catalog">The models it may name.</param>
    /// <exception cref="ArgumentException">The description is not one that can run.</exception>
    public static void Validate(RunDescription run, ModelCatalog catalog) => ValidatedOptions(run, catalog);

    /// <summary><see cref="Validate"/>, returning the whole run's ensemble options: a distributed run sizes its work
    /// items by them. The engine's own checks of the options (paths, steps, records, that kept values fit in one array,
    /// and an SDE's time step and start time) run here too, for the whole run: its parts are small, and with no part at
    /// all (Paths ≤ 0) no worker would check them.</summary>
    internal static EnsembleOptions ValidatedOptions(RunDescription run, ModelCatalog catalog)
    {
        Prepared prepared = Prepare(run, catalog);
        EnsembleOptions whole = Options(run, prepared, 0);
        Ensemble.Validate(whole, prepared.Info.States, prepared.Objective.Dimension);
        Ensemble.RequireTime(whole, sde: run.Kind == RunKind.Sde);

        return whole;
    }

    /// <summary>The result of <paramref name="run"/> from its parts (in path order, covering every path once).</summary>
    internal static EnsembleResult Merge(RunDescription run, ModelCatalog catalog, IReadOnlyList<EnsemblePart> parts) =>
        EnsembleResult.FromParts(Options(run, Prepare(run, catalog), 0), parts);

    private static EnsembleOptions Options(RunDescription run, Prepared prepared, int threads) => new()
    {
        Paths = run.Paths,
        Steps = run.Steps,
        InitialX = prepared.InitialX,
        InitialStates = prepared.InitialStates,
        Seed = run.Seed,
        RecordSteps = run.RecordSteps,
        Observables = prepared.Observables,
        TimeStep = run.TimeStep,
        StartTime = run.StartTime,
        MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
        PathsPerChunk = run.PathsPerChunk,
        KeepValues = run.KeepValues,
        Precision = run.Precision,
    };

    private static EnsembleResult Execute(RunDescription run, Prepared prepared, EnsembleOptions options, IProgress<EnsembleProgress>? progress,
        CancellationToken cancellationToken)
    {
        // The kind and the integrator were checked by Prepare (CheckKind).
        string method = run.Kind == RunKind.Optimizer ? nameof(RunOptimizer)
            : run.Integrator == SdeIntegrator.EulerMaruyama ? nameof(RunSde)
            : nameof(RunHigherOrderSde);

        MethodInfo generic = typeof(RunExecutor).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(prepared.Info.Type);
        return (EnsembleResult)ModelInfo.Invoke(generic, [prepared.Model, prepared.Objective, prepared.Noise, options, run.Integrator, progress, cancellationToken])!;
    }

    /// <summary>
    /// The one-step moment-matching check of a model with both an update and an SDE, at the state a warm-up of
    /// <paramref name="warmUpSteps"/> discrete steps from the run's starting state reaches (see
    /// <see cref="MomentMatching"/>). The run's paths are the samples; its <see cref="RunDescription.TimeStep"/> is dt.
    /// </summary>
    /// <exception cref="ArgumentException">Something in the description is wrong; the message names it.</exception>
    public static MomentMatchingReport Check(RunDescription run, ModelCatalog catalog, long warmUpSteps)
    {
        Prepared prepared = Prepare(run, catalog);
        Require(prepared.Info.HasUpdate && prepared.Info.HasSde, $"{prepared.Info.Name} needs both an [Update] and an SDE to be checked.", "model");
        MethodInfo generic = typeof(RunExecutor).GetMethod(nameof(CheckModel), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(prepared.Info.Type);
        return (MomentMatchingReport)ModelInfo.Invoke(generic, [prepared.Model, prepared, run, warmUpSteps])!;
    }

    private static EnsembleResult RunOptimizer<TModel>(object model, IObjective objective, INoiseModel noise, EnsembleOptions options, SdeIntegrator integrator,
        IProgress<EnsembleProgress>? progress, CancellationToken cancellationToken)
        where TModel : struct, IOptimizerModel<TModel> =>
        Ensemble.RunOptimizer((TModel)model, objective, noise, options, progress, cancellationToken);

    private static EnsembleResult RunSde<TModel>(object model, IObjective objective, INoiseModel noise, EnsembleOptions options, SdeIntegrator integrator,
        IProgress<EnsembleProgress>? progress, CancellationToken cancellationToken)
        where TModel : struct, ISdeModel<TModel> =>
        Ensemble.RunSde((TModel)model, objective, noise, options, progress, cancellationToken);

    private static EnsembleResult RunHigherOrderSde<TModel>(object model, IObjective objective, INoiseModel noise, EnsembleOptions options, SdeIntegrator integrator,
        IProgress<EnsembleProgress>? progress, CancellationToken cancellationToken)
        where TModel : struct, IHigherOrderSdeModel<TModel> =>
        Ensemble.RunSde((TModel)model, objective, noise, options, integrator, progress, cancellationToken);

    private static MomentMatchingReport CheckModel<TModel>(object model, Prepared prepared, RunDescription run, long warmUpSteps)
        where TModel : struct, IOptimizerModel<TModel>, ISdeModel<TModel>
    {
        int d = prepared.Objective.Dimension;
        var start = new double[TModel.StateNames.Count * d];
        prepared.InitialX.CopyTo(start, 0);
        prepared.InitialStates?.CopyTo(start, 0);
        double[] state = MomentMatching.WarmUp((TModel)model, start, prepared.Objective, NoiseSpec.Create(run.Noise, run.Seed + 1), warmUpSteps);
        return MomentMatching.Check((TModel)model, state, prepared.Objective, prepared.Noise,
            new MomentMatchingOptions { Samples = run.Paths, TimeStep = run.TimeStep, Step = warmUpSteps + 1 });
    }

    private sealed record Prepared(ModelInfo Info, object Model, IObjective Objective, INoiseModel Noise, double[] InitialX, double[]? InitialStates,
        Observable[] Observables);

    private static Prepared Prepare(RunDescription run, ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(catalog);
        ModelInfo info = catalog.Find(run.Model);
        object model = info.Create(run.Hyperparameters);
        IObjective objective = ObjectiveSpec.Create(run.Objective);
        INoiseModel noise = NoiseSpec.Create(run.Noise, run.Seed);
        int d = objective.Dimension;
        double[] x0 = Broadcast(run.InitialX, d, "x0");
        double[]? states = null;
        if (run.InitialStates is { Count: > 0 } given)
        {
            int last = 0;
            foreach (string name in given.Keys)
            {
                int index = IndexOf(info.States, name);
                Require(index > 0, $"{info.Name} has no state '{name}' to start (its states are {string.Join(", ", info.States)}; x starts at x0).", "init");
                last = Math.Max(last, index);
            }

            states = new double[(last + 1) * d];
            x0.CopyTo(states, 0);
            foreach ((string name, double[] values) in given)
            {
                Broadcast(values, d, "init " + name).CopyTo(states, IndexOf(info.States, name) * d);
            }
        }

        var observables = new Observable[run.Observables.Count];
        for (int i = 0; i < observables.Length; i++)
        {
            observables[i] = ParseObservable(run.Observables[i], info, d);
        }

        CheckNoiseFits(objective, noise, x0, run);
        CheckKind(run, info, objective, noise);
        return new Prepared(info, model, objective, noise, x0, states, observables);
    }

    /// <summary>That the model has what the run's kind and integrator need, and that a higher-order step gets what it
    /// reads (the engine would refuse the same, but only when the run starts: after the other runs of a batch).</summary>
    private static void CheckKind(RunDescription run, ModelInfo info, IObjective objective, INoiseModel noise)
    {
        if (run.Kind == RunKind.Optimizer)
        {
            Require(info.HasUpdate, $"{info.Name} has no [Update]: it can run only as an SDE.", "kind");
            return;
        }

        Require(info.HasSde, $"{info.Name} declares no SDE: it can run only as an optimizer.", "kind");
        if (run.Integrator == SdeIntegrator.EulerMaruyama)
        {
            return;
        }

        Require(info.HasHigherOrder,
            $"{info.Name} has no {run.Integrator} step (the generator could not derive it, diagnostic SDE0021): use Euler–Maruyama.", "integrator");
        if (Ensemble.HigherOrderRefusal(info.Name, run.Integrator, info.NeedsHessian, info.DiffusedStates.Count, objective, noise) is { } refusal)
        {
            throw new ArgumentException(refusal.Message, "integrator"); // the description's choice, whichever spec it does not fit
        }
    }

    /// <summary>Draws one stochastic gradient at x0 so that a noise model that does not fit the objective (its σ list
    /// has the wrong length, minibatch noise on an objective that is no finite sum) fails here, with its own
    /// <see cref="ArgumentException"/>, and not from inside a parallel run.</summary>
    private static void CheckNoiseFits(IObjective objective, INoiseModel noise, double[] x0, RunDescription run)
    {
        try
        {
            noise.StochasticGradient(objective, x0, new double[x0.Length], 0, 1);
            noise.Sigma(objective, x0, new double[x0.Length]);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"noise '{run.Noise}' does not fit objective '{run.Objective}': {ArgumentMessages.Text(e)}", "noise", e);
        }
    }

    /// <summary>Parses <c>f</c>, <c>|x|^2</c>, <c>x[i]</c> or <c>|s|^2</c>.</summary>
    public static Observable ParseObservable(string text, ModelInfo model, int dimension)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        string t = text.Trim();
        if (t == "f")
        {
            return Observable.Loss;
        }

        if (t == "|x|^2")
        {
            return Observable.SquaredNorm;
        }

        int open = t.IndexOf('[', StringComparison.Ordinal);
        if (open > 0 && t.EndsWith(']')
            && int.TryParse(t.AsSpan(open + 1, t.Length - open - 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out int index))
        {
            string component = t[..open];
            Require(IndexOf(model.States, component) >= 0, $"observable '{t}': {model.Name} has no state '{component}' (its states are {string.Join(", ", model.States)}).", "observables");
            Require(index >= 0 && index < dimension, $"observable '{t}': the coordinate must lie in [0, {dimension}).", "observables");
            return Observable.Coordinate(component, index);
        }

        if (t.Length > 4 && t[0] == '|' && t.EndsWith("|^2", StringComparison.Ordinal))
        {
            string state = t[1..^3];
            Require(IndexOf(model.States, state) >= 0, $"observable '{t}': {model.Name} has no state '{state}' (its states are {string.Join(", ", model.States)}).", "observables");
            return Observable.StateSquaredNorm(state);
        }

        throw new ArgumentException($"observable '{t}' is not one of f, |x|^2, x[i], s[i], |s|^2 (s a state of {model.Name}).", "observables");
    }

    private static double[] Broadcast(IReadOnlyList<double> values, int d, string argument)
    {
        Require(values is not null && (values.Count == 1 || values.Count == d),
            $"{argument} must have 1 value or d = {d} values (the objective's dimension), not {values?.Count ?? 0}.", argument);
        var result = new double[d];
        for (int i = 0; i < d; i++)
        {
            result[i] = values![values.Count == 1 ? 0 : i];
            Require(double.IsFinite(result[i]), $"{argument}[{i}] is not finite.", argument);
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Require(bool condition, string message, string argument)
    {
        if (!condition)
        {
            throw new ArgumentException(message, argument);
        }
    }
}
