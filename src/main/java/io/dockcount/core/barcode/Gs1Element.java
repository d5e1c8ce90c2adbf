package io.dockcount.core.barcode;

/** One AI and its data field from a GS1 element string, e.g. {@code (10) ABC123}. */
public record Gs1Element(String ai, String value) {
  @Override
  public String toString() {
    return "(" + ai + ")" + value;
  }
}
