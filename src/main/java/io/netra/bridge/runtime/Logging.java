package io.netra.bridge.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

/** Configures logback from the command line, replacing whatever logback.xml set up. */
public final class Logging {
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{1} - %msg%n";

  /** Held so that the levels set on java.util.logging loggers are not collected. */
  private static final java.util.logging.Logger MOCK_SERVER_JUL =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private Logging() {}

  /**
   * @param level the level of every logger
   * @param toStdErr write to stderr (the demo keeps stdout for its timeline) instead of stdout
   */
  public static void configure(Level level, LogFormat format, boolean toStdErr) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    Layout<ILoggingEvent> layout;
    if (format == LogFormat.JSON) {
      layout = new JsonLineLayout();
    } else {
      PatternLayout pattern = new PatternLayout();
      pattern.setPattern(TEXT_PATTERN);
      layout = pattern;
    }
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget(toStdErr ? "System.err" : "System.out");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(console);
    root.setLevel(level);
    // The embedded API (demo) logs every request through java.util.logging at INFO.
    MOCK_SERVER_JUL.setLevel(
        level.isGreaterOrEqual(Level.INFO)
            ? java.util.logging.Level.WARNING
            : java.util.logging.Level.INFO);
  }
}
