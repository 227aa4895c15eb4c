using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SdeDsl.Generators.Model;

namespace SdeDsl.Generators.Emitting;

/// <summary>The kernel structs: the print of each KernelPlan.</summary>
internal static partial class KernelEmitter
{
    private static void EmitUpdateKernel(IndentedWriter w, ModelSpec model, UpdateSpec update) =>
        EmitKernelStruct(w, model, KernelPlanner.Update(model, update), "The element-wise body of the discrete step, with its scalars hoisted.", "long k");

    private static void EmitSdeKernel(IndentedWriter w, ModelSpec model, SdeIntegrator scheme, HigherOrderTerms? terms) =>
        EmitKernelStruct(w, model, KernelPlanner.Sde(model, scheme, terms), "The element-wise body of the " + SchemeTitle(scheme) + ", with its scalars hoisted.", "double t, double dt");

    /// <summary>
    /// One kernel struct, generic in the element type: references to the start of its spans, its scalars hoisted and
    /// broadcast, and the element-wise body, which the runtime's <c>VectorKernel.Run</c> calls for whole vectors and then
    /// for the coordinates of the tail.
    /// </summary>
    private static void EmitKernelStruct(IndentedWriter w, ModelSpec model, KernelPlan plan, string summary, string scalarParameters)
    {
        var names = new GeneratedNames(model);
        var renderer = new ExpressionRenderer(names.TypeParameter, names.Local("model"));
        string t = names.TypeParameter, lanes = names.Local("TLanes"), i = names.Local("i");
        var written = new HashSet<string>(plan.States);
        string name = names.Member(plan.Name);

        // The body first: rendering it collects the hoisted scalars, which become fields.
        var body = plan.Inputs.Select(input => "var " + input + " = " + lanes + ".Load(in " + names.Ref(input) + ", " + i + ");").ToList();
        body.AddRange(plan.Locals.Select(local => (local.Declares ? "var " : "") + local.Name + " = " + renderer.Element(local.Value) + ";"
            + (local.Comment is null ? "" : " // " + local.Comment)));
        body.AddRange(plan.Stores.Select(store =>
            lanes + ".Store(" + string.Join(" + ", store.Terms.Select(renderer.Element).Prepend(store.State)) + ", ref " + names.Ref(store.State) + ", " + i + ");"));

        // The same body over Vector512<T> (VectorKernel.Run calls it where Vector<T> is 256 bits wide and 512-bit
        // vectors are native), with its own copies of the fields.
        var wideFields = plan.Fields.ToDictionary(static f => f.Name, static f => f.Name + "Wide");
        var wide = new ExpressionRenderer(t, names.Local("model"), wide: true, renamed: wideFields, widthFree: renderer);
        string wideLoads = names.Local("TWide");
        var wideBody = plan.Inputs.Select(input => "var " + input + " = " + wideLoads + ".Load(in " + names.Ref(input) + ", " + i + ");").ToList();
        wideBody.AddRange(plan.Locals.Select(local => (local.Declares ? "var " : "") + local.Name + " = " + wide.Element(local.Value) + ";"
            + (local.Comment is null ? "" : " // " + local.Comment)));
        wideBody.AddRange(plan.Stores.Select(store =>
            KernelsNamespace + ".VectorKernel.StoreWide(" + string.Join(" + ", store.Terms.Select(wide.Element).Prepend(store.State)) + ", ref " + names.Ref(store.State) + ", " + i + ");"));

        w.Line("/// <summary>" + summary + "</summary>");
        w.Line(GeneratedCode);
        w.Line("private readonly ref struct " + name + "<" + t + "> : " + KernelsNamespace + ".IVectorKernel<" + t + "> where " + t + " : unmanaged").Open();
        foreach (string input in plan.Inputs)
        {
            w.Line("private readonly ref " + (written.Contains(input) ? "" : "readonly ") + t + " " + names.Ref(input) + ";");
        }

        foreach (PlannedField field in plan.Fields)
        {
            w.Line("private readonly " + renderer.VectorType + " " + field.Name + "; // " + field.Formula);
        }

        foreach (var hoisted in renderer.Hoisted)
        {
            w.Line("private readonly " + hoisted.Type + " " + hoisted.Field + "; // " + hoisted.Formula);
        }

        foreach (PlannedField field in plan.Fields)
        {
            w.Line("private readonly " + wide.VectorType + " " + wideFields[field.Name] + "; // " + field.Formula);
        }

        foreach (var hoisted in wide.Hoisted)
        {
            w.Line("private readonly " + hoisted.Type + " " + hoisted.Field + "; // " + hoisted.Formula);
        }

        w.Line();
        // Inlined into the step, so that the fields stay promoted (in registers through the loop): with its 512-bit
        // copies of the scalars the constructor outgrew the JIT's default, and the loop then read them from the stack.
        w.Line(Inline);
        w.Line("public " + name + "(in " + model.TypeName + " " + names.Local("model") + ", " + scalarParameters + ", "
            + string.Join(", ", plan.Inputs.Select(input => (written.Contains(input) ? Span : ReadOnlySpan) + "<" + t + "> " + input)) + ")").Open();
        foreach (string input in plan.Inputs)
        {
            w.Line(names.Ref(input) + " = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(" + input + ");");
        }

        foreach (PlannedField field in plan.Fields)
        {
            w.Line(field.Name + " = " + KernelsNamespace + ".VectorKernel.Broadcast<" + t + ">(" + renderer.Scalar(field.Value) + ");");
        }

        foreach (var hoisted in renderer.Hoisted)
        {
            w.Line(hoisted.Field + " = " + hoisted.Initializer + ";");
        }

        foreach (PlannedField field in plan.Fields)
        {
            w.Line(wideFields[field.Name] + " = " + KernelsNamespace + ".VectorKernel.Broadcast512<" + t + ">(" + renderer.Scalar(field.Value) + ");");
        }

        foreach (var hoisted in wide.Hoisted)
        {
            w.Line(hoisted.Field + " = " + hoisted.Initializer + ";");
        }

        w.Close().Line();
        w.Line(Inline);
        w.Line("public void Invoke<" + lanes + ">(nuint " + i + ") where " + lanes + " : struct, " + KernelsNamespace + ".ILanes<" + t + ">").Open();
        body.ForEach(line => w.Line(line));
        w.Close();

        w.Line();
        w.Line(Inline);
        w.Line("public void InvokeWide<" + wideLoads + ">(nuint " + i + ") where " + wideLoads + " : struct, " + KernelsNamespace + ".IWideLoads<" + t + ">").Open();
        wideBody.ForEach(line => w.Line(line));
        w.Close();
        w.Close().Line();
    }
}
