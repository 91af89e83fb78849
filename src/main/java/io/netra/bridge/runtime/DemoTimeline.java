package io.netra.bridge.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the demo saw, in order, with milliseconds since it started; as text or as JSON. */
public final class DemoTimeline {
  /** One thing that happened. */
  public record Step(long elapsedMs, String event, String detail) {}

  private long startNanos = System.nanoTime();
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, Object> summary = new LinkedHashMap<>();
  private final List<StepListener> listeners = new ArrayList<>();

  /** Told about each step as it is recorded (the text output prints them live). */
  public interface StepListener {
    void recorded(Step step);
  }

  void onStep(StepListener listener) {
    listeners.add(listener);
  }

  /** Counts from now on: the story starts once everything runs. */
  synchronized void startNow() {
    startNanos = System.nanoTime();
  }

  public synchronized long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  synchronized Step record(String event, String detail) {
    return record(elapsedMs(), event, detail);
  }

  synchronized Step record(long elapsedMs, String event, String detail) {
    Step step = new Step(elapsedMs, event, detail);
    steps.add(step);
    listeners.forEach(l -> l.recorded(step));
    return step;
  }

  synchronized void summary(String key, Object value) {
    summary.put(key, value);
  }

  public synchronized List<Step> steps() {
    return List.copyOf(steps);
  }

  public synchronized Map<String, Object> summary() {
    return new LinkedHashMap<>(summary);
  }

  /** Ends with a newline. */
  public static String text(Step step) {
    return String.format("%+8d ms  %-9s %s%n", step.elapsedMs(), step.event(), step.detail());
  }

  public synchronized String json() {
    Map<String, Object> document = new LinkedHashMap<>(summary);
    document.put("steps", steps);
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(document)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
