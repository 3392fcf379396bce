// Who may do what in the app: the same role sets as the server's src/access/access.h, mirrored
// once here. Pages ask these instead of comparing role names; the server still checks every
// request, so these only decide what is offered.
export type Role = 'applicant' | 'liaison' | 'officer' | 'supervisor' | 'department' | 'admin';

const is = (role: string | undefined, roles: Role[]) => !!role && (roles as string[]).includes(role);

//! Reads the case queue and the cases of their unit and below.
export const worksCases = (role: string | undefined) => is(role, ['officer', 'supervisor', 'department', 'admin']);
//! Takes, decides and assigns cases, sets their priority.
export const decidesCases = (role: string | undefined) => is(role, ['officer', 'supervisor']);
//! Assigns anyone's case, countersigns.
export const supervises = (role: string | undefined) => is(role, ['supervisor', 'admin']);
//! Answers questions, publishes appointment times, holds video identity checks.
export const servesApplicants = (role: string | undefined) => is(role, ['officer', 'supervisor', 'liaison']);
export const isAdmin = (role: string | undefined) => is(role, ['admin']);
export const isApplicant = (role: string | undefined) => is(role, ['applicant']);
