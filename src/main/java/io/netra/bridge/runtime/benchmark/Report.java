package io.netra.bridge.runtime.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as a text table and as JSON. */
public record Report(
    String measuredAt,
    Map<String, Object> machine,
    BenchmarkSettings settings,
    List<Measurement> measurements,
    Map<Integer, Map<String, Object>> restartRequests) {

  static Report of(BenchmarkSettings settings, List<BenchmarkRun.SizeResult> results) {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    machine.put(
        "systemLoadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    results.stream().findFirst().ifPresent(r -> machine.put("cluster", r.cluster()));
    List<Measurement> all = new ArrayList<>();
    Map<Integer, Map<String, Object>> requests = new LinkedHashMap<>();
    for (BenchmarkRun.SizeResult result : results) {
      all.addAll(result.measurements());
      Map<String, Object> restart = new LinkedHashMap<>();
      restart.put("byMethod", result.restartRequests());
      restart.put("restartWrites", result.restartWrites());
      restart.put("resyncWrites", result.resyncWrites());
      restart.put("detectionCriticalPaths", result.detectionPaths());
      requests.put(result.bridges(), restart);
    }
    return new Report(Instant.now().toString(), machine, settings, all, requests);
  }

  String table() {
    StringBuilder out = new StringBuilder();
    if (machine.containsKey("cluster")) {
      out.append("measured on: ").append(machine.get("cluster")).append(System.lineSeparator());
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| %-11s | %-58s | %5s | %-6s | %9s | %9s | %9s | %-27s | %-17s | %-6s |%n",
            "section",
            "measurement",
            "N",
            "unit",
            "p50",
            "p95",
            "p99",
            "floor p50/p95/p99",
            "ratio p50/p95/p99",
            "target"));
    out.append("|-------------|")
        .append("-".repeat(60))
        .append(
            "|-------|--------|-----------|-----------|-----------|-----------------------------|-------------------|--------|\n");
    for (Measurement m : measurements) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %-11s | %-58s | %5d | %-6s | %9s | %9s | %9s | %-27s | %-17s | %-6s |%n",
              m.section(),
              m.name(),
              m.bridges(),
              m.unit(),
              number(m.value().p50()),
              number(m.value().p95()),
              number(m.value().p99()),
              m.floor() == null
                  ? "-"
                  : number(m.floor().p50())
                      + " / "
                      + number(m.floor().p95())
                      + " / "
                      + number(m.floor().p99()),
              m.ratio() == null
                  ? "-"
                  : String.format(
                      Locale.ROOT,
                      "%.1f / %.1f / %.1f",
                      m.ratio().p50(),
                      m.ratio().p95(),
                      m.ratio().p99()),
              m.met() == null ? "-" : m.met() ? "met" : "MISSED"));
    }
    return out.toString();
  }

  private static String number(double value) {
    return value >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  void write(Path path) {
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      mapper.findAndRegisterModules();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("measuredAt", measuredAt);
      json.put("machine", machine);
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("bridges", settings.bridges());
      run.put("repetitions", settings.repetitions());
      run.put("staleRepetitions", settings.staleRepetitions());
      run.put("edits", settings.edits());
      run.put("idleMillis", settings.idle().toMillis());
      run.put("stepMillis", settings.step().toMillis());
      run.put("simulationShards", settings.shards());
      json.put("settings", run);
      Map<String, List<Measurement>> sections = new LinkedHashMap<>();
      for (String section :
          List.of(
              BenchmarkRun.DETECTION,
              BenchmarkRun.CONVERGENCE,
              BenchmarkRun.STEADY,
              BenchmarkRun.FOOTPRINT,
              BenchmarkRun.STARTUP)) {
        sections.put(
            section, measurements.stream().filter(m -> m.section().equals(section)).toList());
      }
      json.put("sections", sections);
      json.put("operatorRequests", restartRequests);
      mapper.writeValue(path.toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
