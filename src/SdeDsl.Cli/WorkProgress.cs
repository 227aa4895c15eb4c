using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using SdeDsl.Ensembles;
using Spectre.Console;

namespace SdeDsl.Cli;

/// <summary>
/// Progress of a sequence of tasks, each a number of path-steps fed by the engine's <see cref="IProgress{T}"/>: a
/// live bar per task (done, rate, ETA) on an interactive console; else a plain line at most once per 10 % (a report
/// that crosses two tenths prints the second only) and at the end.
/// </summary>
internal sealed class WorkProgress
{
    private readonly AppIO _io;
    private readonly ProgressContext? _context;

    private WorkProgress(AppIO io, ProgressContext? context)
    {
        _io = io;
        _context = context;
    }

    /// <summary>Runs <paramref name="work"/> with a progress display.</summary>
    public static T Run<T>(AppIO io, Func<WorkProgress, T> work)
    {
        if (!io.Interactive)
        {
            return work(new WorkProgress(io, null));
        }

        return io.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => work(new WorkProgress(io, context)));
    }

    /// <summary>A task of <paramref name="total"/> path-steps.</summary>
    public Job Start(string label, long total) => new(this, label, Math.Max(1, total));

    /// <summary>A task: <see cref="ForRun"/> gives the progress sink of one ensemble run within it.</summary>
    public sealed class Job
    {
        private readonly WorkProgress _owner;
        private readonly string _label;
        private readonly long _total;
        private readonly ProgressTask? _bar;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private long _finished;
        private int _lastDecile;

        internal Job(WorkProgress owner, string label, long total)
        {
            _owner = owner;
            _label = label;
            _total = total;
            _bar = owner._context?.AddTask(label, maxValue: total);
        }

        /// <summary>The sink of the next run, of <paramref name="pathSteps"/> path-steps.</summary>
        public IProgress<EnsembleProgress> ForRun(long pathSteps)
        {
            long offset = _finished;
            _finished += pathSteps;
            return new Sink(this, offset);
        }

        public void Complete()
        {
            Report(_total);
            if (_bar is not null)
            {
                _bar.StopTask();
            }
        }

        private void Report(long done)
        {
            if (_bar is not null)
            {
                _bar.Value = Math.Min(done, _total);
                return;
            }

            lock (_lock)
            {
                int decile = (int)(10 * Math.Min(done, _total) / _total);
                if (decile <= _lastDecile)
                {
                    return;
                }

                _lastDecile = decile;
                double seconds = _clock.Elapsed.TotalSeconds;
                double rate = done / Math.Max(seconds, 1e-9);
                string eta = done >= _total ? "done" : $"ETA {TimeSpan.FromSeconds((_total - done) / Math.Max(rate, 1)):mm\\:ss}";
                _owner._io.Out.WriteLine($"{_label}: {10 * decile,3} % ({done:N0} / {_total:N0} path-steps, {rate / 1e6:F1} M/s, {seconds:F1} s, {eta})");
            }
        }

        private sealed class Sink(Job task, long offset) : IProgress<EnsembleProgress>
        {
            public void Report(EnsembleProgress value) => task.Report(offset + value.CompletedPathSteps);
        }
    }
}
