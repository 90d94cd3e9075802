-- wrk's `done` hook: the run's totals and latency percentiles (microseconds) as one JSON
-- line, marked so that bench/load.py can find it among wrk's own output.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "duration_us": %d, "p50_us": %.0f, "p90_us": %.0f, ' ..
    '"p99_us": %.0f, "errors": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
