/**
 * Names for FIX message types, common tags and the enums a post-mortem reads (order status,
 * execution type, side, reject reasons), from the FIX 4.2–5.0SP2 specifications.
 */

export const MSG_TYPES: Readonly<Record<string, string>> = {
  '0': 'Heartbeat',
  '1': 'TestRequest',
  '2': 'ResendRequest',
  '3': 'Reject',
  '4': 'SequenceReset',
  '5': 'Logout',
  '6': 'IndicationOfInterest',
  '7': 'Advertisement',
  '8': 'ExecutionReport',
  '9': 'OrderCancelReject',
  A: 'Logon',
  B: 'News',
  C: 'Email',
  D: 'NewOrderSingle',
  E: 'NewOrderList',
  F: 'OrderCancelRequest',
  G: 'OrderCancelReplaceRequest',
  H: 'OrderStatusRequest',
  J: 'AllocationInstruction',
  K: 'ListCancelRequest',
  L: 'ListExecute',
  M: 'ListStatusRequest',
  N: 'ListStatus',
  P: 'AllocationInstructionAck',
  Q: 'DontKnowTrade',
  R: 'QuoteRequest',
  S: 'Quote',
  T: 'SettlementInstructions',
  V: 'MarketDataRequest',
  W: 'MarketDataSnapshotFullRefresh',
  X: 'MarketDataIncrementalRefresh',
  Y: 'MarketDataRequestReject',
  Z: 'QuoteCancel',
  a: 'QuoteStatusRequest',
  b: 'MassQuoteAcknowledgement',
  c: 'SecurityDefinitionRequest',
  d: 'SecurityDefinition',
  e: 'SecurityStatusRequest',
  f: 'SecurityStatus',
  g: 'TradingSessionStatusRequest',
  h: 'TradingSessionStatus',
  i: 'MassQuote',
  j: 'BusinessMessageReject',
  k: 'BidRequest',
  l: 'BidResponse',
  m: 'ListStrikePrice',
  n: 'XMLnonFIX',
  o: 'RegistrationInstructions',
  p: 'RegistrationInstructionsResponse',
  q: 'OrderMassCancelRequest',
  r: 'OrderMassCancelReport',
  s: 'NewOrderCross',
  t: 'CrossOrderCancelReplaceRequest',
  u: 'CrossOrderCancelRequest',
  v: 'SecurityTypeRequest',
  w: 'SecurityTypes',
  x: 'SecurityListRequest',
  y: 'SecurityList',
  z: 'DerivativeSecurityListRequest',
  AA: 'DerivativeSecurityList',
  AB: 'NewOrderMultileg',
  AC: 'MultilegOrderCancelReplace',
  AD: 'TradeCaptureReportRequest',
  AE: 'TradeCaptureReport',
  AF: 'OrderMassStatusRequest',
  AG: 'QuoteRequestReject',
  AI: 'QuoteStatusReport',
  AJ: 'QuoteResponse',
  AK: 'Confirmation',
  AQ: 'TradeCaptureReportRequestAck',
  AR: 'TradeCaptureReportAck',
  BE: 'UserRequest',
  BF: 'UserResponse',
  BZ: 'OrderMassActionReport',
  CA: 'OrderMassActionRequest',
};

/** Session-level (admin) message types. */
export const ADMIN_MSG_TYPES: ReadonlySet<string> = new Set(['0', '1', '2', '3', '4', '5', 'A']);

/** OrdStatus (39). */
export const ORD_STATUS: Readonly<Record<string, string>> = {
  '0': 'New',
  '1': 'Partially filled',
  '2': 'Filled',
  '3': 'Done for day',
  '4': 'Canceled',
  '5': 'Replaced',
  '6': 'Pending cancel',
  '7': 'Stopped',
  '8': 'Rejected',
  '9': 'Suspended',
  A: 'Pending new',
  B: 'Calculated',
  C: 'Expired',
  D: 'Accepted for bidding',
  E: 'Pending replace',
};

/** ExecType (150). */
export const EXEC_TYPE: Readonly<Record<string, string>> = {
  '0': 'New',
  '1': 'Partial fill',
  '2': 'Fill',
  '3': 'Done for day',
  '4': 'Canceled',
  '5': 'Replaced',
  '6': 'Pending cancel',
  '7': 'Stopped',
  '8': 'Rejected',
  '9': 'Suspended',
  A: 'Pending new',
  B: 'Calculated',
  C: 'Expired',
  D: 'Restated',
  E: 'Pending replace',
  F: 'Trade',
  G: 'Trade correct',
  H: 'Trade cancel',
  I: 'Order status',
  J: 'Trade in a clearing hold',
  K: 'Trade released to clearing',
  L: 'Triggered or activated by system',
};

/** Side (54). */
export const SIDE: Readonly<Record<string, string>> = {
  '1': 'Buy',
  '2': 'Sell',
  '3': 'Buy minus',
  '4': 'Sell plus',
  '5': 'Sell short',
  '6': 'Sell short exempt',
  '7': 'Undisclosed',
  '8': 'Cross',
  '9': 'Cross short',
  A: 'Cross short exempt',
  B: 'As defined',
  C: 'Opposite',
  D: 'Subscribe',
  E: 'Redeem',
  F: 'Lend',
  G: 'Borrow',
};

/** SessionRejectReason (373). */
export const SESSION_REJECT_REASON: Readonly<Record<string, string>> = {
  '0': 'Invalid tag number',
  '1': 'Required tag missing',
  '2': 'Tag not defined for this message type',
  '3': 'Undefined tag',
  '4': 'Tag specified without a value',
  '5': 'Value is incorrect (out of range) for this tag',
  '6': 'Incorrect data format for value',
  '7': 'Decryption problem',
  '8': 'Signature problem',
  '9': 'CompID problem',
  '10': 'SendingTime accuracy problem',
  '11': 'Invalid MsgType',
  '12': 'XML validation error',
  '13': 'Tag appears more than once',
  '14': 'Tag specified out of required order',
  '15': 'Repeating group fields out of order',
  '16': 'Incorrect NumInGroup count for repeating group',
  '17': 'Non-data value includes field delimiter',
  '18': 'Invalid/unsupported application version',
  '99': 'Other',
};

/** CxlRejReason (102). */
export const CXL_REJ_REASON: Readonly<Record<string, string>> = {
  '0': 'Too late to cancel',
  '1': 'Unknown order',
  '2': 'Broker/exchange option',
  '3': 'Order already in pending cancel or pending replace status',
  '4': 'Unable to process order mass cancel request',
  '5': 'OrigOrdModTime did not match last TransactTime of order',
  '6': 'Duplicate ClOrdID received',
  '7': 'Price exceeds current price',
  '8': 'Price exceeds current price band',
  '18': 'Invalid price increment',
  '99': 'Other',
};

/** OrdRejReason (103). */
export const ORD_REJ_REASON: Readonly<Record<string, string>> = {
  '0': 'Broker/exchange option',
  '1': 'Unknown symbol',
  '2': 'Exchange closed',
  '3': 'Order exceeds limit',
  '4': 'Too late to enter',
  '5': 'Unknown order',
  '6': 'Duplicate order',
  '7': 'Duplicate of a verbally communicated order',
  '8': 'Stale order',
  '9': 'Trade along required',
  '10': 'Invalid investor ID',
  '11': 'Unsupported order characteristic',
  '12': 'Surveillance option',
  '13': 'Incorrect quantity',
  '14': 'Incorrect allocated quantity',
  '15': 'Unknown account(s)',
  '16': 'Price exceeds current price band',
  '18': 'Invalid price increment',
  '99': 'Other',
};

/** BusinessRejectReason (380). */
export const BUSINESS_REJECT_REASON: Readonly<Record<string, string>> = {
  '0': 'Other',
  '1': 'Unknown ID',
  '2': 'Unknown security',
  '3': 'Unsupported message type',
  '4': 'Application not available',
  '5': 'Conditionally required field missing',
  '6': 'Not authorized',
  '7': 'DeliverTo firm not available at this time',
  '18': 'Invalid price increment',
};

/** CxlRejResponseTo (434). */
export const CXL_REJ_RESPONSE_TO: Readonly<Record<string, string>> = {
  '1': 'Order cancel request',
  '2': 'Order cancel/replace request',
};

/** Names of the tags a reject may point at (RefTagID) and of those the events report. */
export const TAG_NAMES: Readonly<Record<number, string>> = {
  1: 'Account', 6: 'AvgPx', 7: 'BeginSeqNo', 8: 'BeginString', 9: 'BodyLength', 10: 'CheckSum',
  11: 'ClOrdID', 14: 'CumQty', 15: 'Currency', 16: 'EndSeqNo', 17: 'ExecID', 18: 'ExecInst',
  21: 'HandlInst', 22: 'SecurityIDSource', 31: 'LastPx', 32: 'LastQty', 34: 'MsgSeqNum', 35: 'MsgType',
  36: 'NewSeqNo', 37: 'OrderID', 38: 'OrderQty', 39: 'OrdStatus', 40: 'OrdType', 41: 'OrigClOrdID',
  43: 'PossDupFlag', 44: 'Price', 45: 'RefSeqNum', 48: 'SecurityID', 49: 'SenderCompID',
  50: 'SenderSubID', 52: 'SendingTime', 54: 'Side', 55: 'Symbol', 56: 'TargetCompID', 57: 'TargetSubID',
  58: 'Text', 59: 'TimeInForce', 60: 'TransactTime', 97: 'PossResend', 98: 'EncryptMethod',
  99: 'StopPx', 100: 'ExDestination', 102: 'CxlRejReason', 103: 'OrdRejReason', 108: 'HeartBtInt',
  112: 'TestReqID', 122: 'OrigSendingTime', 123: 'GapFillFlag', 126: 'ExpireTime', 141: 'ResetSeqNumFlag',
  150: 'ExecType', 151: 'LeavesQty', 167: 'SecurityType', 207: 'SecurityExchange', 371: 'RefTagID',
  372: 'RefMsgType', 373: 'SessionRejectReason', 379: 'BusinessRejectRefID', 380: 'BusinessRejectReason',
  434: 'CxlRejResponseTo', 447: 'PartyIDSource', 448: 'PartyID', 452: 'PartyRole', 453: 'NoPartyIDs',
  789: 'NextExpectedMsgSeqNum', 1128: 'ApplVerID', 1137: 'DefaultApplVerID',
};

/** `NewOrderSingle` for `D`, the code itself for types not in the table. */
export function msgTypeName(code: string): string {
  return MSG_TYPES[code] ?? code;
}

/** `HandlInst(21)` for 21, `Tag 9999` for tags not in the table. */
export function tagLabel(tag: number): string {
  const name = TAG_NAMES[tag];
  return name === undefined ? `Tag ${tag}` : `${name}(${tag})`;
}
