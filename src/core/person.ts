/** Someone who acts: their Entra object id (lower case) and display name. */
export interface Person {
  aadId: string;
  name: string;
}
