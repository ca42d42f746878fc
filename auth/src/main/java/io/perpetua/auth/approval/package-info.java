/**
 * Four-eyes: actions that change money or risk are requested by one person and approved by another
 * ({@link io.perpetua.auth.approval.FourEyes}); features plug in by registering an {@link
 * io.perpetua.auth.approval.ApprovalAction}.
 */
package io.perpetua.auth.approval;
