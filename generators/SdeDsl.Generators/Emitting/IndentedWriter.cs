using System.Text;

namespace SdeDsl.Generators.Emitting;

/// <summary>Writes generated source one line at a time at the current indentation (four spaces a level, LF endings).</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _level;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _level * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, then indents.</summary>
    public IndentedWriter Open()
    {
        Line("{");
        _level++;
        return this;
    }

    /// <summary>Unindents, then writes <c>}</c> (with an optional suffix such as <c>;</c>).</summary>
    public IndentedWriter Close(string suffix = "")
    {
        _level--;
        return Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
