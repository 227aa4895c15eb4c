using System;
using System.Collections.Generic;
using System.Reflection;

namespace SdeDsl.Runs;

/// <summary>
/// The <c>[SdeModel]</c> types of a set of compiled assemblies, found by name: the built-in catalog's, or a user's
/// library, so that the tool runs a model it was never compiled against.
/// </summary>
public sealed class ModelCatalog
{
    private readonly List<ModelInfo> _models = [];

    /// <summary>A catalog of the model types of <paramref name="assemblies"/>: value types marked
    /// <see cref="SdeModelAttribute"/> that implement the generated interfaces.</summary>
    public ModelCatalog(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        foreach (Assembly assembly in assemblies)
        {
            foreach (Type type in LoadableTypes(assembly))
            {
                if (type.IsValueType && !type.IsGenericTypeDefinition && type.GetCustomAttribute<SdeModelAttribute>() is not null)
                {
                    var info = new ModelInfo(type);
                    if (info.HasUpdate || info.HasSde)
                    {
                        _models.Add(info);
                    }
                }
            }
        }

        _models.Sort(static (a, b) => string.CompareOrdinal(a.Type.FullName, b.Type.FullName));
    }

    /// <summary>Every model found, by full name.</summary>
    public IReadOnlyList<ModelInfo> Models => _models;

    /// <summary>The model named <paramref name="name"/>: its type name or full name, case-insensitive.</summary>
    /// <exception cref="ArgumentException">No model, or more than one, has that name; the message lists the models.</exception>
    public ModelInfo Find(string name, string argument = "model")
    {
        ArgumentNullException.ThrowIfNull(name);
        ModelInfo? found = null;
        foreach (ModelInfo model in _models)
        {
            if (string.Equals(model.Type.FullName, name, StringComparison.OrdinalIgnoreCase))
            {
                return model;
            }

            if (string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                if (found is not null)
                {
                    throw new ArgumentException($"'{name}' names both {found.Type.FullName} and {model.Type.FullName}: give the full name.", argument);
                }

                found = model;
            }
        }

        return found ?? throw new ArgumentException($"unknown model '{name}'; the models are {Names()}.", argument);
    }

    private string Names()
    {
        var names = new List<string>();
        foreach (ModelInfo model in _models)
        {
            names.Add(model.Name);
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var types = new List<Type>();
            foreach (Type? type in e.Types)
            {
                if (type is not null)
                {
                    types.Add(type);
                }
            }

            return types;
        }
    }
}
