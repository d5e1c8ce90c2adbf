package io.dockcount.scan;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the log events of one logger while a test runs. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture(Class<?> source) {
    logger = (Logger) LoggerFactory.getLogger(source);
    appender.start();
    logger.addAppender(appender);
  }

  /** Returns the formatted messages logged at {@code level} so far. */
  public List<String> messages(ch.qos.logback.classic.Level level) {
    // Logback appends under the appender's own lock (AppenderBase.doAppend), not the list's.
    synchronized (appender) {
      return appender.list.stream().filter(e -> e.getLevel().equals(level))
          .map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
