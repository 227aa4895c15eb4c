using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using SdeDsl.Ensembles;

namespace SdeDsl.Runs;

/// <summary>
/// What a compiled <c>[SdeModel]</c> type offers, read through the interfaces the generator implements: its states,
/// hyperparameters, and whether it has an update, an SDE and the higher-order integrators.
/// </summary>
public sealed class ModelInfo
{
    internal ModelInfo(Type type)
    {
        Type = type;
        HasUpdate = Implements(type, typeof(IOptimizerModel<>));
        HasSde = Implements(type, typeof(ISdeModel<>));
        HasHigherOrder = Implements(type, typeof(IHigherOrderSdeModel<>));
        States = (IReadOnlyList<string>?)type.GetProperty(nameof(IStateModel<>.StateNames), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) ?? [];
        DiffusedStates = HasSde
            ? (IReadOnlyList<string>?)type.GetProperty(nameof(ISdeModel<>.DiffusedStateNames), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) ?? []
            : [];
        NeedsHessian = HasHigherOrder && (bool)(type.GetProperty(nameof(IHigherOrderSdeModel<>.NeedsHessian), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) ?? false);
        var hypers = new List<HyperparameterInfo>();
        foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (field.FieldType == typeof(double) && field.GetCustomAttribute<HyperAttribute>() is { } hyper)
            {
                hypers.Add(new HyperparameterInfo(field.Name, hyper.Min, hyper.Max, hyper.ExclusiveMin, hyper.ExclusiveMax));
            }
        }

        Hyperparameters = hypers;
    }

    /// <summary>The model's type.</summary>
    public Type Type { get; }

    /// <summary>The type's name, e.g. <c>AdamW</c>.</summary>
    public string Name => Type.Name;

    /// <summary>The state components in the model's order (x first).</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>The state components the SDE diffuses.</summary>
    public IReadOnlyList<string> DiffusedStates { get; }

    /// <summary>The hyperparameters in declaration order.</summary>
    public IReadOnlyList<HyperparameterInfo> Hyperparameters { get; }

    /// <summary>Whether the model declares an <c>[Update]</c> (it can run as an optimizer).</summary>
    public bool HasUpdate { get; }

    /// <summary>Whether the model declares an SDE (Euler–Maruyama).</summary>
    public bool HasSde { get; }

    /// <summary>Whether the generator wrote the Milstein and weak-order-2 steps.</summary>
    public bool HasHigherOrder { get; }

    /// <summary>Whether the higher-order steps read the objective's diagonal Hessian.</summary>
    public bool NeedsHessian { get; }

    /// <summary>The integrators the model supports.</summary>
    public IReadOnlyList<SdeIntegrator> Integrators =>
        !HasSde ? [] : HasHigherOrder ? [SdeIntegrator.EulerMaruyama, SdeIntegrator.Milstein, SdeIntegrator.WeakOrder2] : [SdeIntegrator.EulerMaruyama];

    /// <summary>
    /// A boxed model with the given hyperparameters (case-insensitive names; those not given are 0), validated by the
    /// generated <c>Validate()</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a hyperparameter of the model, two names differ only in case (a
    /// dictionary may order them either way, so which value won would be an accident), or a value is outside its range
    /// (the message names it and gives the range).</exception>
    public object Create(IReadOnlyDictionary<string, double> hyperparameters, string argument = "hyperparameters")
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        object model = Activator.CreateInstance(Type)!;
        var givenAs = new Dictionary<HyperparameterInfo, string>();
        foreach ((string name, double value) in hyperparameters)
        {
            HyperparameterInfo hyper = FindHyperparameter(name)
                ?? throw new ArgumentException($"{Name} has no hyperparameter '{name}'; it has {Join(Hyperparameters)}.", argument);
            if (!givenAs.TryAdd(hyper, name))
            {
                throw new ArgumentException($"{Name}.{hyper.Name} is given twice, as '{givenAs[hyper]}' and as '{name}' (hyperparameter names ignore case): give it once.", argument);
            }

            if (!hyper.Allows(value))
            {
                throw new ArgumentException($"{Name}.{hyper.Name} = {value.ToString("R", CultureInfo.InvariantCulture)} is outside its range {hyper.Range}.", argument);
            }

            Type.GetField(hyper.Name)!.SetValue(model, value);
        }

        foreach (HyperparameterInfo hyper in Hyperparameters)
        {
            double value = (double)Type.GetField(hyper.Name)!.GetValue(model)!;
            if (!hyper.Allows(value))
            {
                throw new ArgumentException($"{Name}.{hyper.Name} is not set and its default 0 is outside its range {hyper.Range}: give it a value.", argument);
            }
        }

        try
        {
            Type.GetMethod(nameof(IStateModel<>.Validate))!.Invoke(model, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            throw new ArgumentException($"{Name}: {inner.Message}", argument, inner);
        }

        return model;
    }

    /// <summary>The hyperparameter of that name (case-insensitive), or null; the one of exactly that name first, for a
    /// model whose hyperparameters differ only in case (<c>Beta</c> and <c>beta</c>).</summary>
    public HyperparameterInfo? FindHyperparameter(string name)
    {
        HyperparameterInfo? found = null;
        foreach (HyperparameterInfo hyper in Hyperparameters)
        {
            if (string.Equals(hyper.Name, name, StringComparison.Ordinal))
            {
                return hyper;
            }

            if (found is null && string.Equals(hyper.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                found = hyper;
            }
        }

        return found;
    }

    /// <summary>Calls <paramref name="method"/> and rethrows what it threw, not the reflection wrapper.</summary>
    internal static object? Invoke(MethodInfo method, object?[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static string Join(IReadOnlyList<HyperparameterInfo> hypers)
    {
        var names = new List<string>();
        foreach (HyperparameterInfo hyper in hypers)
        {
            names.Add(hyper.Name);
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static bool Implements(Type type, Type generic)
    {
        foreach (Type face in type.GetInterfaces())
        {
            if (face.IsGenericType && face.GetGenericTypeDefinition() == generic)
            {
                return true;
            }
        }

        return false;
    }
}
