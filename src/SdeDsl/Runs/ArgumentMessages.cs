using System;

namespace SdeDsl.Runs;

/// <summary>The text of an <see cref="ArgumentException"/> for a message of its own: without what .NET appends.</summary>
internal static class ArgumentMessages
{
    /// <summary>The message of <paramref name="e"/> on one line, without the " (Parameter 'x')" suffix and the "Actual
    /// value was …" line of an <see cref="ArgumentOutOfRangeException"/>, which read as leftovers inside another message.</summary>
    public static string Text(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string message = e is ArgumentOutOfRangeException { ActualValue: not null } ? e.Message.Split('\n')[0].TrimEnd() : e.Message;
        string suffix = $" (Parameter '{e.ParamName}')";
        return e.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
