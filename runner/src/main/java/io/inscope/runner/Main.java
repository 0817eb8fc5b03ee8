package io.inscope.runner;

import java.io.PrintWriter;

/** {@code java -jar runner.jar ...} */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }
}
