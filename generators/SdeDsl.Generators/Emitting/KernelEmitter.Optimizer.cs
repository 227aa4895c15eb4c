using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SdeDsl.Generators.Model;

namespace SdeDsl.Generators.Emitting;

/// <summary>Optimizer&lt;T&gt;, the owner that embeds an optimizer in a training loop.</summary>
internal static partial class KernelEmitter
{
    private static void EmitOwner(IndentedWriter w, ModelSpec model)
    {
        List<string> extra = model.States.Select(static s => s.Name).Where(static s => s != "x").ToList();
        string modelName = model.TypeName;
        var names = new GeneratedNames(model);
        string t = names.TypeParameter;
        w.Line("/// <summary>");
        w.Line("/// Embeds " + modelName + " in a training loop: holds the optimizer state besides the parameters" + (extra.Count == 0 ? "" : " (" + string.Join(", ", extra) + ")"));
        w.Line("/// and the step count, so that one call, <c>Step(parameters, gradients)</c>, performs a step.");
        w.Line("/// </summary>");
        w.Line("/// <typeparam name=\"" + t + "\">The element type of the parameters: <see cref=\"float\"/> or <see cref=\"double\"/>.</typeparam>");
        w.Line(GeneratedCode);
        w.Line("public sealed class Optimizer<" + t + "> where " + t + " : unmanaged").Open();
        foreach (string state in extra)
        {
            w.Line("private readonly " + t + "[] _" + state + ";");
        }

        // The backing fields of Model and StepCount, clear of the states' fields (a state may be called model).
        string modelField = FreeField("_model", extra);
        string stepField = FreeField("_stepCount", extra);
        w.Line("private " + modelName + " " + modelField + ";");
        w.Line("private long " + stepField + ";");

        w.Line();
        w.Line("/// <summary>Creates the optimizer for <paramref name=\"parameterCount\"/> parameters, its state at zero.</summary>");
        w.Line("/// <param name=\"model\">The hyperparameters (validated here).</param>");
        w.Line("/// <param name=\"parameterCount\">The number of parameters (≥ 0).</param>");
        w.Line("/// <exception cref=\"global::System.NotSupportedException\">" + t + " is neither float nor double.</exception>");
        w.Line("public Optimizer(" + modelName + " model, int parameterCount)").Open();
        w.Line("if (typeof(" + t + ") != typeof(float) && typeof(" + t + ") != typeof(double))").Open();
        w.Line("throw new global::System.NotSupportedException(\"" + modelName + ".Optimizer<" + t + "> supports float and double, not \" + typeof(" + t + ").Name + \".\");");
        w.Close().Line();
        w.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);");
        w.Line("Model = model;");
        w.Line("ParameterCount = parameterCount;");
        foreach (string state in extra)
        {
            w.Line("_" + state + " = new " + t + "[parameterCount];");
        }

        w.Close().Line();
        w.Line("/// <summary>");
        w.Line("/// The hyperparameters, validated when set. A schedule sets them between steps, e.g. a new learning rate with");
        w.Line("/// <c>optimizer.Model = optimizer.Model with { Eta = eta };</c>; the state and the step count are kept.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A hyperparameter is outside its range.</exception>");
        EmitValidatedProperty(w, modelName, "Model", modelField, "value.Validate();");
        w.Line("/// <summary>The number of parameters.</summary>");
        w.Line("public int ParameterCount { get; }").Line();
        w.Line("/// <summary>");
        w.Line("/// The number of steps taken; the next step has k = StepCount + 1. Set it, with the state components, to resume");
        w.Line("/// from a checkpoint: a step's update may depend on k (Adam's bias correction).");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is negative.</exception>");
        EmitValidatedProperty(w, "long", "StepCount", stepField, "global::System.ArgumentOutOfRangeException.ThrowIfNegative(value);");
        foreach (string state in extra)
        {
            w.Line("/// <summary>The state component " + state + ", one value per parameter.</summary>");
            w.Line("public global::System.Span<" + t + "> " + names.Property(state) + " => _" + state + ";").Line();
        }

        w.Line("/// <summary>Performs step <c>StepCount + 1</c> on <paramref name=\"parameters\"/>, in place.</summary>");
        w.Line("/// <param name=\"parameters\">The parameters x, updated in place.</param>");
        w.Line("/// <param name=\"gradients\">The stochastic gradient at x.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have <see cref=\"ParameterCount\"/> elements.</exception>");
        w.Line("public void Step(global::System.Span<" + t + "> parameters, global::System.ReadOnlySpan<" + t + "> gradients)").Open();
        w.Line(Arguments + ".RequireLength(parameters.Length, ParameterCount, nameof(parameters), \"the optimizer's ParameterCount\");");
        w.Line(Arguments + ".RequireLength(gradients.Length, ParameterCount, nameof(gradients), \"the optimizer's ParameterCount\");");
        w.Line("long k = " + stepField + " + 1;");
        w.Line(modelField + ".Step<" + t + ">(" + string.Join(", ", extra.Select(static s => "_" + s).Prepend("parameters").Append("gradients").Append("k")) + ");");
        w.Line(stepField + " = k;");
        w.Close().Line();
        w.Line("/// <summary>Sets the state and the step count back to zero.</summary>");
        w.Line("public void Reset()").Open();
        foreach (string state in extra)
        {
            w.Line("global::System.Array.Clear(_" + state + ");");
        }

        w.Line(stepField + " = 0;");
        w.Close();
        w.Close().Line();
    }

    /// <summary>A property over <paramref name="field"/> whose setter runs <paramref name="validation"/> first.</summary>
    private static void EmitValidatedProperty(IndentedWriter w, string type, string name, string field, string validation)
    {
        w.Line("public " + type + " " + name).Open();
        w.Line("get => " + field + ";");
        w.Line("set").Open();
        w.Line(validation);
        w.Line(field + " = value;");
        w.Close();
        w.Close().Line();
    }

    /// <summary><paramref name="name"/>, with '_' appended until no state's field (<c>_state</c>) has it.</summary>
    private static string FreeField(string name, List<string> states)
    {
        while (states.Any(s => "_" + s == name))
        {
            name += "_";
        }

        return name;
    }
}
