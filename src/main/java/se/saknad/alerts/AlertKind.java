package se.saknad.alerts;

/** The CAP message types Saknad sends, with what triggered them. */
enum AlertKind {
  ALERT("Alert"),
  UPDATE("Update"),
  CANCEL("Cancel");

  final String msgType;

  AlertKind(String msgType) {
    this.msgType = msgType;
  }
}
