package io.dockcount.deploy;

import com.fazecast.jSerialComm.SerialPort;

/**
 * Loads jSerialComm's native library in a JVM of its own and prints how many ports it sees, for
 * {@link NativeTmpdirTest}. The library unpacks itself on first use of {@link SerialPort}.
 */
final class NativeProbe {
  private NativeProbe() {}

  public static void main(String[] args) {
    System.out.println("ports: " + SerialPort.getCommPorts().length);
  }
}
