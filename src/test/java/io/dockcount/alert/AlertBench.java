package io.dockcount.alert;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.pattern.StatusReply;
import com.typesafe.config.ConfigFactory;
import io.dockcount.zone.Zone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Latency from a location closing with a high-value variance to the PTT relay keyed (Pi4J mock
 * GPIO) and to the SMS request received by a local stand-in for Twilio, through the real zone
 * actor, H2 store (forced writes on), notifier and Twilio SDK. Run by hand:
 * {@code java -cp target/classes:target/test-classes:CP io.dockcount.alert.AlertBench [N]}.
 * The figures in docs/bench/alerts.md come from it.
 */
public final class AlertBench {
  private AlertBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int warmup = 30;
    Path dir = Files.createTempDirectory("dockcount-alert-bench-");
    ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("akka.loglevel = WARNING")
        .withFallback(ConfigFactory.load()));
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
    long[] relay = new long[n];
    long[] sms = new long[n];
    long[] both = new long[n];
    long[] alert = new long[n];
    try (AlertPipeline p = new AlertPipeline(kit, dir, warmup + n)) {
      for (int i = 0; i < warmup + n; i++) {
        p.countShort(i);
        TestProbe<StatusReply<Zone.LocationChanged>> closed = kit.createTestProbe();
        long t0 = p.close(i, closed);
        long keyed = p.nextKeyed(Duration.ofSeconds(30));
        long received = p.http.take(Duration.ofSeconds(30)).nanos();
        closed.receiveMessage(Duration.ofSeconds(30));
        if (i < warmup) {
          p.raised.take();
        } else {
          relay[i - warmup] = keyed - t0;
          sms[i - warmup] = received - t0;
          both[i - warmup] = Math.max(keyed, received) - t0;
          alert[i - warmup] = p.raised.take() - t0;
        }
      }
      System.out.printf("SMS requests received %d for %d closes%n", p.http.all().size(),
          warmup + n);
    } finally {
      kit.shutdownTestKit();
    }
    System.out.printf("%d closes (after %d warm-up), ms:%n", n, warmup);
    System.out.println("path            p50     p90     p99     max");
    print("alert raised", alert);
    print("relay keyed", relay);
    print("sms received", sms);
    print("both", both);
    long[] keyedAfter = new long[n];
    long[] smsAfter = new long[n];
    for (int i = 0; i < n; i++) {
      keyedAfter[i] = relay[i] - alert[i];
      smsAfter[i] = sms[i] - alert[i];
    }
    System.out.println("after the zone raised the alert (the alert channels' own share):");
    print("relay keyed", keyedAfter);
    print("sms received", smsAfter);
  }

  private static void print(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf("%-13s %7.1f %7.1f %7.1f %7.1f%n", what, pct(s, 50), pct(s, 90),
        pct(s, 99), s[s.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, i)] / 1e6;
  }
}
